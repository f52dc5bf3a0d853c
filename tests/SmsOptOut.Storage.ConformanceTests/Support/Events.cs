using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>Builds consent events for store-level tests.</summary>
public static class Events
{
    private static long s_next;

    /// <summary>An account-wide opt-out.</summary>
    public static ConsentEvent OptOut(AccountId account, PhoneNumber number, DateTimeOffset at, ListId? list = null, string? id = null) =>
        Create(account, number, ConsentKind.OptOut, at, list, id);

    /// <summary>An account-wide opt-in.</summary>
    public static ConsentEvent OptIn(AccountId account, PhoneNumber number, DateTimeOffset at, ListId? list = null, string? id = null) =>
        Create(account, number, ConsentKind.OptIn, at, list, id);

    /// <summary>A webhook message owed for <paramref name="consentEvent"/>, due at <paramref name="dueAt"/>.</summary>
    public static OutboxMessage Message(ConsentEvent consentEvent, DateTimeOffset dueAt, string? id = null) => new()
    {
        Id = id ?? $"msg_test_{Interlocked.Increment(ref s_next)}_{Guid.NewGuid():N}",
        Account = consentEvent.Account,
        List = consentEvent.List,
        EventId = consentEvent.EventId,
        Payload = $"{{\"timestamp\":\"2026-11-27T06:14:08Z\",\"unsubscribed_number\":\"{consentEvent.Number}\",\"source\":\"API\"}}",
        CreatedAt = dueAt,
        NextAttemptAt = dueAt,
    };

    private static ConsentEvent Create(AccountId account, PhoneNumber number, ConsentKind kind, DateTimeOffset at, ListId? list, string? id) => new()
    {
        EventId = id ?? $"evt_test_{Interlocked.Increment(ref s_next)}_{Guid.NewGuid():N}",
        Account = account,
        Number = number,
        Kind = kind,
        Source = OptOutSource.Api,
        Scope = list is null ? SuppressionScope.Account : SuppressionScope.List,
        List = list,
        OccurredAt = at,
        RecordedAt = at,
    };
}
