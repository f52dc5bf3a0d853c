using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// Frequency caps: one row per recipient and counter holding its send times in the window. A reservation is, per
/// counter, one upsert that appends the send only where the window holds fewer than the limit; the row lock of
/// <c>ON CONFLICT DO UPDATE</c> makes concurrent instances re-check against each other's committed sends, and numbers
/// go in ascending order so two reservations never wait on each other in a cycle. A number that a later counter
/// refuses has its append to the earlier counters taken back in the same transaction.
/// </summary>
internal sealed partial class PostgreSqlStorage
{
    /// <summary>Takes back one reservation at $4: a row holding only it goes, any other loses it.</summary>
    private static readonly string[] UndoReservation =
    [
        "DELETE FROM {schema}.send_counters WHERE account = $1 AND counter = $2 AND number = ANY($3) AND sent = ARRAY[$4::timestamptz];",
        "UPDATE {schema}.send_counters SET sent = sent[:array_position(sent, $4) - 1] || sent[array_position(sent, $4) + 1:] WHERE account = $1 AND counter = $2 AND number = ANY($3);",
    ];

    public Task<int> TryReserveAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, IReadOnlyList<SendLimit> limits, DateTimeOffset now, Memory<bool> reserved,
        CancellationToken cancellationToken = default)
    {
        SendLedgerArguments.ValidateReserve(account, numbers, limits, reserved);
        var sorted = numbers.ToArray().Select(n => (long)n.Value).Order().ToArray();
        var original = numbers.ToArray();
        return _database.WriteAsync(async (connection, transaction) =>
        {
            var allowed = sorted;
            var reservedIn = new List<(string Counter, long[] Numbers)>();
            foreach (var limit in limits)
            {
                using var command = _database.Command(connection, transaction, """
                    INSERT INTO {schema}.send_counters AS c (account, counter, number, sent)
                    SELECT $1, $2, u.n, ARRAY[$3::timestamptz] FROM unnest($4::bigint[]) AS u(n) ORDER BY u.n
                    ON CONFLICT (account, counter, number) DO UPDATE
                        SET sent = ARRAY(SELECT t FROM unnest(array_append(c.sent, $3::timestamptz)) AS t WHERE t > $5 ORDER BY t)
                        WHERE (SELECT count(*) FROM unnest(c.sent) AS t WHERE t > $5) < $6
                    RETURNING number;
                    """);
                Add(command, account.Value);
                Add(command, limit.Counter);
                Add(command, Utc(now));
                Add(command, allowed);
                Add(command, Utc(now - limit.Window));
                Add(command, limit.Messages);
                var kept = new List<long>(allowed.Length);
                using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        kept.Add(reader.GetInt64(0));
                    }
                }

                reservedIn.Add((limit.Counter, [.. kept]));
                allowed = [.. kept.Order()];
            }

            // Take back the appends of numbers a later counter refused.
            foreach (var (counter, appended) in reservedIn)
            {
                var refused = appended.Except(allowed).ToArray();
                if (refused.Length > 0)
                {
                    foreach (var sql in UndoReservation)
                    {
                        using var undo = _database.Command(connection, transaction, sql);
                        Add(undo, account.Value);
                        Add(undo, counter);
                        Add(undo, refused);
                        Add(undo, Utc(now));
                        await undo.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            var granted = allowed.ToHashSet();
            for (var i = 0; i < original.Length; i++)
            {
                reserved.Span[i] = granted.Contains((long)original[i].Value);
            }

            return granted.Count;
        }, cancellationToken);
    }

    public Task<int> PurgeAsync(DateTimeOffset sentBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // Rows with every send before the cutoff go; rows with some lose those.
            using var command = _database.Command(connection, transaction, """
                DELETE FROM {schema}.send_counters WHERE (account, counter, number) IN (
                    SELECT account, counter, number FROM {schema}.send_counters WHERE sent[1] < $1 AND sent[cardinality(sent)] < $1 LIMIT $2 FOR UPDATE SKIP LOCKED);
                """);
            Add(command, Utc(sentBefore));
            Add(command, limit);
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (deleted == limit)
            {
                return deleted;
            }

            using var trim = _database.Command(connection, transaction, """
                UPDATE {schema}.send_counters AS c SET sent = ARRAY(SELECT t FROM unnest(c.sent) AS t WHERE t >= $1 ORDER BY t)
                WHERE (account, counter, number) IN (
                    SELECT account, counter, number FROM {schema}.send_counters WHERE sent[1] < $1 LIMIT $2 FOR UPDATE SKIP LOCKED);
                """);
            Add(trim, Utc(sentBefore));
            Add(trim, limit - deleted);
            return deleted + await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }
}
