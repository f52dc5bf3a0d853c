using SmsOptOut.Consent;
using SmsOptOut.Numbers;

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
