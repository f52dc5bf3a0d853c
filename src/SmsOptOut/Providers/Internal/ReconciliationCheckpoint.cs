using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOptOut.Providers.Internal;

/// <summary>
/// What <see cref="IReconciliationCheckpointStore"/> keeps per account and provider, as JSON: how far complete runs have
/// read, the run in progress (its window, next page and counts, so a killed run resumes there), and the last run.
/// </summary>
internal sealed record ReconciliationCheckpoint
{
    public DateTimeOffset? Through { get; init; }

    public PendingRun? Pending { get; init; }

    public LastRun? Last { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, ReconciliationCheckpointJsonContext.Default.ReconciliationCheckpoint);

    public static ReconciliationCheckpoint? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, ReconciliationCheckpointJsonContext.Default.ReconciliationCheckpoint);
        }
        catch (JsonException)
        {
            return null; // unreadable: start over; every opt-out found again is recorded once
        }
    }

    internal sealed record PendingRun(DateTimeOffset? Since, DateTimeOffset Until, string? PageToken, Counts Counts);

    internal sealed record LastRun(DateTimeOffset At, Counts Counts, bool Completed, string? Error);

    internal sealed record Counts(int Read, int Recorded, int AlreadySuppressed, int Superseded)
    {
        public static Counts None { get; } = new(0, 0, 0, 0);
    }
}

/// <summary>Source-generated JSON of <see cref="ReconciliationCheckpoint"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReconciliationCheckpoint))]
internal sealed partial class ReconciliationCheckpointJsonContext : JsonSerializerContext;
