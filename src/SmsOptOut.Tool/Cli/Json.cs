using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOptOut.Tool.Cli;

/// <summary>
/// The <c>--json</c> answers, version 1 (docs/schemas/v1): snake_case keys, every key always present (null when there
/// is no value), enum-like values in kebab-case as the export spells them, an account as its id, indented, written
/// through generated code (no reflection). Written with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, so
/// <c>+</c>, non-ASCII letters and quotes in texts stay as they are: the output goes to files, pipes and terminals, never
/// into an HTML page or a script block, which is the only place that encoder's laxity (no escaping of &lt; &gt; &amp; ')
/// would matter. Control characters are still escaped, so a message text cannot send escape sequences to a terminal.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Import.ImportAnswer))]
[JsonSerializable(typeof(Numbers.CheckAnswer))]
[JsonSerializable(typeof(Numbers.HistoryAnswer))]
[JsonSerializable(typeof(Numbers.EventEntry))]
[JsonSerializable(typeof(Stats.StatsAnswer))]
[JsonSerializable(typeof(Webhooks.PendingAnswer))]
[JsonSerializable(typeof(Webhooks.DeliverAnswer))]
[JsonSerializable(typeof(Webhooks.DeadLettersAnswer))]
[JsonSerializable(typeof(Webhooks.TestAnswer))]
[JsonSerializable(typeof(Webhooks.ReplayAnswer))]
[JsonSerializable(typeof(Schema.MigrateAnswer))]
[JsonSerializable(typeof(Doctor.DoctorAnswer))]
[JsonSerializable(typeof(Privacy.EraseAnswer))]
[JsonSerializable(typeof(Reconciliation.ReconcileAnswer))]
[JsonSerializable(typeof(Accounts.AccountsAnswer))]
[JsonSerializable(typeof(Consents.ConsentsAnswer))]
[JsonSerializable(typeof(Privacy.RequestsAnswer))]
[JsonSerializable(typeof(Privacy.RequestAnswer))]
[JsonSerializable(typeof(Evidence.VerifyAnswer))]
internal sealed partial class Json : JsonSerializerContext
{
    /// <summary>The version every answer carries in its <c>version</c> key; a breaking change of any shape raises it.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Indented = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new(Indented) { WriteIndented = false };

    /// <summary>Generated metadata with the relaxed encoder (source-generated contexts cannot name an encoder in their attribute).</summary>
    public static Json Relaxed { get; } = new(Indented);

    /// <summary>The same on one line, for JSON Lines.</summary>
    public static Json Lines { get; } = new(Compact);

    public static void Write<T>(TextWriter output, T value)
    {
        output.WriteLine(JsonSerializer.Serialize(value, typeof(T), Relaxed));
    }

    public static string Line<T>(T value) => JsonSerializer.Serialize(value, typeof(T), Lines);
}
