using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage
{
    // Each account's cursor is a string in its slot: "<reported-until ticks>|<last-sent ticks or empty>".
    public async Task<ReportCursor?> GetAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var value = (string?)await database.StringGetAsync(AccountKey(account.Value) + ":report").ConfigureAwait(false);
        if (value is null)
        {
            return null;
        }

        var separator = value.IndexOf('|', StringComparison.Ordinal);
        var sent = value[(separator + 1)..];
        return new ReportCursor(StoredValues.Instant(long.Parse(value.AsSpan(0, separator), CultureInfo.InvariantCulture)),
            sent.Length == 0 ? null : StoredValues.Instant(long.Parse(sent, CultureInfo.InvariantCulture)));
    }

    public async Task SetAsync(AccountId account, ReportCursor cursor, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateCursor(account, cursor);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var value = Ticks(cursor.ReportedUntil) + "|" + (cursor.LastReportAt is { } sent ? Ticks(sent) : string.Empty);
        await database.StringSetAsync(AccountKey(account.Value) + ":report", value).ConfigureAwait(false);
    }

    // Each account's claim is a string in its slot, "<lease end ticks>|<owner>", compared in a script
    // against the caller's clock (not a key TTL on the server's clock), so every store treats time the same way.
    public async Task<bool> TryClaimAsync(AccountId account, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateClaim(account, owner, lease);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        var claimed = await RunAsync(database, RedisScripts.ClaimReport, accountKey, [accountKey + ":rclaim", owner, Ticks(now + lease), Ticks(now)]).ConfigureAwait(false);
        return (long)claimed == 1;
    }
}
