using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage
{
    // One hash for every account's cursor: field = account, value = "<reported-until ticks>|<last-sent ticks or empty>".
    public async Task<ReportCursor?> GetAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var value = (string?)await database.HashGetAsync(_root + ":reports", account.Value).ConfigureAwait(false);
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
        StoreArguments.ValidateCursor(account, cursor);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var value = Ticks(cursor.ReportedUntil) + "|" + (cursor.LastReportAt is { } sent ? Ticks(sent) : string.Empty);
        await database.HashSetAsync(_root + ":reports", account.Value, value).ConfigureAwait(false);
    }
}
