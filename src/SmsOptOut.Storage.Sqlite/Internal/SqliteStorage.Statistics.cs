using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>Daily counts from <c>consent_daily</c>, which triggers keep with the consent log: one index range per query; and the count of current suppressions.</summary>
internal sealed partial class SqliteStorage
{
    public async Task<IReadOnlyList<ConsentDayCount>> CountByDayAsync(AccountId account, DateOnly from, DateOnly through, CancellationToken cancellationToken = default)
    {
        ConsentStatisticsArguments.ValidateDays(account, from, through);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, """
                SELECT day, kind, source, count FROM consent_daily
                WHERE account = $account AND day BETWEEN $from AND $through AND count > 0 ORDER BY day, kind, source;
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$from", from.DayNumber);
            command.Parameters.AddWithValue("$through", through.DayNumber);
            var counts = new List<ConsentDayCount>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts.Add(new ConsentDayCount(DateOnly.FromDayNumber(reader.GetInt32(0)), (ConsentKind)reader.GetInt32(1), (OptOutSource)reader.GetInt32(2), reader.GetInt64(3)));
            }

            return counts;
        }
    }

    public async Task<long> CountSuppressedAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (await FindAccountIdAsync(connection, account, cancellationToken).ConfigureAwait(false) is not { } accountId)
            {
                return 0;
            }

            using var command = SqliteDatabase.Command(connection, null, "SELECT count(*) FROM suppressions WHERE account_id = $account;");
            command.Parameters.AddWithValue("$account", accountId);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }
}
