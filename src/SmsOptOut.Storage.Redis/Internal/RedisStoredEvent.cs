using System.Text.Json;
using System.Text.Json.Serialization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>A consent event as key layout 3 kept it in Redis (JSON), times as exact UTC ticks; read only to move it to layout 4 (<see cref="RedisEventRecord"/>).</summary>
internal sealed record RedisStoredEvent(
    string Id, string Account, ulong Number, int Kind, int Source, int Scope, string? List, string? Campaign, long Occurred, long Recorded, string? Evidence)
{
    /// <summary>A pause's end (ticks); absent for every other event.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Paused { get; init; }

    /// <summary>The opt-out an opt-in takes back; absent for every other event.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reverts { get; init; }

    /// <summary>The event's consent-log salt (base64); absent for events before the log, and dropped when retention minimises the evidence.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Salt { get; init; }

    /// <summary>The salt stored with an event's JSON, or <see langword="null"/>.</summary>
    public static byte[]? SaltOf(string json) =>
        JsonSerializer.Deserialize(json, RedisJsonContext.Default.RedisStoredEvent)?.Salt is { } salt ? Convert.FromBase64String(salt) : null;

    public static ConsentEvent Deserialize(string json)
    {
        var s = JsonSerializer.Deserialize(json, RedisJsonContext.Default.RedisStoredEvent)
            ?? throw new InvalidOperationException("A consent event stored in Redis is empty.");
        return new ConsentEvent
        {
            EventId = s.Id,
            Account = new AccountId(s.Account),
            Number = PhoneNumber.FromValue(s.Number),
            Kind = (ConsentKind)s.Kind,
            Source = (OptOutSource)s.Source,
            Scope = (SuppressionScope)s.Scope,
            List = StoredValues.List(s.List),
            Campaign = StoredValues.Campaign(s.Campaign),
            OccurredAt = StoredValues.Instant(s.Occurred),
            RecordedAt = StoredValues.Instant(s.Recorded),
            Evidence = ConsentEvidenceJson.Deserialize(s.Evidence),
            PausedUntil = s.Paused is { } paused ? StoredValues.Instant(paused) : null,
            Reverts = s.Reverts,
        };
    }
}

/// <summary>A stored link token as kept in Redis (JSON).</summary>
internal sealed record RedisStoredToken(string Account, string List, string? Campaign, ulong Number, long Expires);

/// <summary>An erasure's audit record as the erase script writes it (times as tick text, never the number).</summary>
internal sealed record RedisStoredErasure(string RequestId, string Reason, string ErasedAt, int Events, int Suppressions, int Tokens, int Webhooks, int Replies)
{
    /// <summary>The record's own leaf in the log; absent for a record kept before erasure records were leaves.</summary>
    public long? LogIndex { get; init; }

    /// <summary>The leaves it erased (<see cref="Storage.ErasedLeavesText"/>); absent for a record kept before.</summary>
    public string? Leaves { get; init; }
}

/// <summary>Source-generated JSON for the Redis adapter.</summary>
[JsonSerializable(typeof(RedisStoredEvent))]
[JsonSerializable(typeof(RedisStoredErasure))]
[JsonSerializable(typeof(RedisStoredToken))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
