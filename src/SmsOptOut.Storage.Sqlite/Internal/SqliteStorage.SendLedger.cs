using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>
/// Messages counted for frequency caps, one row each. A reservation counts and records in one write transaction:
/// SQLite has one writer at a time, so instances sharing the file take turns and never exceed a limit together.
/// </summary>
internal sealed partial class SqliteStorage
{
    public Task<int> TryReserveAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, IReadOnlyList<SendLimit> limits, DateTimeOffset now, Memory<bool> reserved,
        CancellationToken cancellationToken = default)
    {
        SendLedgerArguments.ValidateReserve(account, numbers, limits, reserved);
        var values = numbers.ToArray().Select(n => n.Value).ToArray();
        return _database.WriteAsync(async (connection, transaction) =>
        {
            var full = new HashSet<ulong>();
            foreach (var limit in limits)
            {
                using var count = SqliteDatabase.Command(connection, transaction, """
                    SELECT number FROM send_ledger
                    WHERE account = $account AND counter = $counter AND sent_at > $since AND number IN (SELECT value FROM json_each($numbers))
                    GROUP BY number HAVING count(*) >= $messages;
                    """);
                count.Parameters.AddWithValue("$account", account.Value);
                count.Parameters.AddWithValue("$counter", limit.Counter);
                count.Parameters.AddWithValue("$since", Ticks(now - limit.Window));
                count.Parameters.AddWithValue("$numbers", JsonArray(values));
                count.Parameters.AddWithValue("$messages", limit.Messages);
                using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    full.Add((ulong)reader.GetInt64(0));
                }
            }

            var allowed = values.Where(v => !full.Contains(v)).ToArray();
            foreach (var limit in limits)
            {
                using var record = SqliteDatabase.Command(connection, transaction,
                    "INSERT INTO send_ledger (account, counter, number, sent_at) SELECT $account, $counter, value, $now FROM json_each($numbers);");
                record.Parameters.AddWithValue("$account", account.Value);
                record.Parameters.AddWithValue("$counter", limit.Counter);
                record.Parameters.AddWithValue("$now", Ticks(now));
                record.Parameters.AddWithValue("$numbers", JsonArray(allowed));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var flags = reserved.Span;
            for (var i = 0; i < values.Length; i++)
            {
                flags[i] = !full.Contains(values[i]);
            }

            return allowed.Length;
        }, cancellationToken);
    }

    public Task<int> PurgeAsync(DateTimeOffset sentBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction,
                "DELETE FROM send_ledger WHERE rowid IN (SELECT rowid FROM send_ledger WHERE sent_at < $cutoff LIMIT $limit);");
            command.Parameters.AddWithValue("$cutoff", Ticks(sentBefore));
            command.Parameters.AddWithValue("$limit", limit);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }
}
