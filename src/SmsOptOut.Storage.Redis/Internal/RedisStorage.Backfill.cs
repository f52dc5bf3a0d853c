using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// Key layout 6: the events recorded before the consent log (moved from layouts 1 and 2 into <c>evpre</c>, without a
/// leaf) join it, once, as the SQL stores' backfill adds theirs (docs/evidence.md, "Events recorded before the log").
/// Each account's, in their order, gets a fresh salt and the leaf of its event as stored, appended after the leaves
/// already there (<see cref="RedisScripts.BackfillLog"/>, 500 a script); <c>bfill</c> keeps the log size the backfill
/// started at, how many it added and when, which the log's readers report as <see cref="ConsentLogEntry.BackfilledAt"/>.
/// A run that stops anywhere is finished by the next, and <c>bfill</c> is kept, so a chunk is never added twice; an
/// erased or missing event is skipped (its content is gone).
/// </summary>
internal sealed partial class RedisStorage
{
    private const int BackfillChunk = 500;

    private async Task BackfillLogAsync(IDatabase database, CancellationToken cancellationToken)
    {
        var added = 0L;
        foreach (var account in await AccountsAsync(database).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var a = AccountKey(account);
            var pre = await database.ListLengthAsync(a + ":evpre").ConfigureAwait(false);
            var held = await database.HashGetAsync(a + ":bfill", "next").ConfigureAwait(false);
            var next = held.IsNull ? 0L : (long)held;
            var at = StoredValues.Ticks(_time.GetUtcNow()).ToString("D19", CultureInfo.InvariantCulture);
            while (next < pre)
            {
                await database.KeyExpireAsync(_root + ":migrating", MigrationLease).ConfigureAwait(false);
                var records = await database.ListRangeAsync(a + ":evpre", next, next + BackfillChunk - 1).ConfigureAwait(false);
                var arguments = new List<RedisValue>(3 + (records.Length * 6)) { a, next, at };
                foreach (var record in records)
                {
                    if (!IsEvent(record))
                    {
                        arguments.AddRange([RedisValue.EmptyString, RedisValue.EmptyString, RedisValue.EmptyString, RedisValue.EmptyString, RedisValue.EmptyString, RedisValue.EmptyString]);
                        continue;
                    }

                    var (e, _) = RedisEventRecord.Decode(new AccountId(account), (byte[])record!);
                    var salt = SaltColumn.New(e);
                    arguments.AddRange(
                    [
                        RedisEventRecord.Encode(e, salt), ConsentLogLeaf.Hash(e, SaltColumn.Salt(salt)), RedisEventRecord.KeyOf(e.EventId),
                        e.Number.Value.ToString(CultureInfo.InvariantCulture), SuppressionKeys.Number(e.Number.Value),
                        StoredValues.Ticks(e.RecordedAt).ToString("D19", CultureInfo.InvariantCulture),
                    ]);
                    added++;
                }

                // A chunk another run added already is refused with the next place, and read again from there.
                next = (long)await RunAsync(database, RedisScripts.BackfillLog, a, [.. arguments]).ConfigureAwait(false);
            }

            // The events are in the log: the pre-log list and its span go, and retention walks the account again from its
            // first event (its places were the pre-log events first; minimising is idempotent).
            await database.KeyDeleteAsync(a + ":evpre").ConfigureAwait(false);
            await database.HashDeleteAsync(a + ":evtime", PreLogList).ConfigureAwait(false);
            if (pre > 0)
            {
                await database.HashDeleteAsync(_root + ":retwm", account).ConfigureAwait(false);
            }
        }

        if (added > 0)
        {
            Log.Backfilled(_logger, _options.KeyPrefix, added);
        }
    }

    /// <summary>
    /// Where an account's backfilled leaves are; <see langword="null"/> when the backfill added none. Read once per account
    /// and process (the backfill is done before any instance serves the layout), again after the connection failed or came back.
    /// </summary>
    private async Task<RedisBackfill?> BackfilledAsync(IDatabase database, string accountKey)
    {
        if (_backfills.TryGetValue(accountKey, out var known))
        {
            return known;
        }

        var state = await database.HashGetAsync(accountKey + ":bfill", ["base", "count", "at"]).ConfigureAwait(false);
        var backfill = state[0].IsNull || state[1].IsNull || state[2].IsNull || (long)state[1] == 0
            ? null
            : new RedisBackfill((long)state[0], (long)state[1], StoredValues.Instant(long.Parse((string)state[2]!, CultureInfo.InvariantCulture)));
        _backfills.TryAdd(accountKey, backfill);
        return backfill;
    }

    /// <summary>The entry with its <see cref="ConsentLogEntry.BackfilledAt"/> when its leaf is one the backfill added.</summary>
    private static ConsentLogEntry Backfilled(ConsentLogEntry entry, RedisBackfill? backfill) =>
        backfill is { } b && b.Holds(entry.Index) ? entry with { BackfilledAt = b.At } : entry;
}
