using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOptOut.Tool.Cli;

/// <summary>The <c>--json</c> answers: camelCase, indented, written through generated code (no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Import.ImportSummary))]
[JsonSerializable(typeof(Numbers.CheckAnswer))]
[JsonSerializable(typeof(List<Numbers.HistoryEntry>))]
[JsonSerializable(typeof(Stats.StatsAnswer))]
[JsonSerializable(typeof(Webhooks.PendingAnswer))]
[JsonSerializable(typeof(List<Webhooks.DeadLetterEntry>))]
[JsonSerializable(typeof(Webhooks.TestAnswer))]
[JsonSerializable(typeof(Schema.MigrateAnswer))]
[JsonSerializable(typeof(Doctor.DoctorAnswer))]
[JsonSerializable(typeof(Privacy.EraseAnswer))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(List<Reconciliation.ReconcileAnswer>))]
internal sealed partial class Json : JsonSerializerContext
{
    public static void Write<T>(TextWriter output, T value)
    {
        output.WriteLine(JsonSerializer.Serialize(value, typeof(T), Default));
    }
}
