using System.Globalization;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The suppression snapshot's reads (<see cref="SuppressionSnapshots"/>): the account's change counter (<c>supv</c>,
/// moved by the apply and erase scripts) and the values changed since a count with their current lists, in one script
/// (<see cref="RedisScripts.SnapshotDelta"/>); and a load that reads the counter and the pseudonyms in one script, scans
/// the account's suppressions (<c>supz</c>) a chunk at a time without holding Redis, and applies the changes since that
/// counter over them. Redis may lose acknowledged writes in a restart (up to a second of them with <c>appendfsync
/// everysec</c>) or a failover (replication is asynchronous), and a counter that moved on past them would hide it: so each
/// read also returns the server's run id, and a snapshot read from another server (process) loads again. Every snapshot is
/// also forgotten when the connection fails or is restored.
/// </summary>
internal sealed partial class RedisStorage
{
    private const int SnapshotChunk = 20_000;

    private async Task<SuppressionDelta> ReadSnapshotDeltaAsync(IDatabase database, string accountKey, long held)
    {
        var result = (RedisResult[])(await RunAsync(database, RedisScripts.SnapshotDelta, accountKey, [accountKey, held, SuppressionDelta.KeptChanges]).ConfigureAwait(false))!;
        var current = (long)result[0];
        var epoch = (string?)result[2];
        if ((long)result[1] == 0)
        {
            return new SuppressionDelta(current, false, null, [], epoch);
        }

        if (result.Length == 3)
        {
            return new SuppressionDelta(current, true, null, [], epoch);
        }

        var keys = Array.ConvertAll((RedisValue[])result[3]!, VerifiedKey);
        var changes = new List<SuppressionChange>();
        for (var i = 4; i + 1 < result.Length; i += 2)
        {
            var entry = (string)result[i]!;
            var value = ulong.Parse(entry.AsSpan(1), CultureInfo.InvariantCulture);
            var pseudonym = entry[0] == 'p';
            var lists = (RedisValue[])result[i + 1]!;
            if (lists.Length == 0)
            {
                changes.Add(new SuppressionChange(value, pseudonym, null));
            }

            foreach (var list in lists)
            {
                changes.Add(new SuppressionChange(value, pseudonym, (string)list!));
            }
        }

        return new SuppressionDelta(current, true, keys, changes, epoch);
    }

    private async Task<bool> LoadSnapshotAsync(IDatabase database, string accountKey, SuppressionSnapshot.Builder builder)
    {
        var start = (RedisResult[])(await RunAsync(database, RedisScripts.SnapshotStart, accountKey, [accountKey]).ConfigureAwait(false))!;
        var position = (long)start[0];
        builder.Position = position;
        builder.Epoch = (string?)start[1];
        builder.Keys = Array.ConvertAll((RedisValue[])start[2]!, VerifiedKey);
        for (var i = 3; i < start.Length; i++)
        {
            var list = i == 3 ? string.Empty : (string)start[i++]!;
            foreach (var pseudonym in (RedisValue[])start[i]!)
            {
                if (!builder.Add(ulong.Parse((string)pseudonym!, CultureInfo.InvariantCulture), pseudonym: true, list))
                {
                    return false;
                }
            }
        }

        // Members "<number>|<list key>" (SuppressionKeys), read in order a chunk at a time, each chunk after the last member read.
        var after = RedisValue.Null;
        while (true)
        {
            var chunk = await database.SortedSetRangeByValueAsync(accountKey + ":supz", after, RedisValue.Null, after.IsNull ? Exclude.None : Exclude.Start, Order.Ascending,
                0, SnapshotChunk).ConfigureAwait(false);
            foreach (var member in chunk)
            {
                var text = (string)member!;
                if (!builder.Add(SuppressionKeys.NumberOf(text), pseudonym: false, SuppressionKeys.ListOf(text)))
                {
                    return false;
                }
            }

            if (chunk.Length < SnapshotChunk)
            {
                break;
            }

            after = chunk[^1];
        }

        // The scan is not one snapshot: every number changed since the counter was read is read again, as it is now.
        var delta = await ReadSnapshotDeltaAsync(database, accountKey, position).ConfigureAwait(false);
        if (!delta.Complete || !string.Equals(delta.Epoch, builder.Epoch, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"More than {SuppressionDelta.KeptChanges} suppressions of the account changed while its snapshot loaded, or the server changed (a restart or a failover); it loads again later.");
        }

        builder.Then = delta;
        return true;
    }
}
