using System.Globalization;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The tamper-evident consent log (<see cref="IConsentLogStore"/>): the apply script pushes each leaf to <c>log</c> (its
/// index is its place in the list) and the event's record to the same index of the event lists
/// (<see cref="EventPlace"/>), its id to the id index (key form → index, <see cref="RedisScripts.FindEvent"/>); the erase script empties the record and drops
/// the id, so the leaf stays without its event. Checkpoints are a sorted set by tree size.
/// </summary>
internal sealed partial class RedisStorage : IConsentLogStore
{
    /// <summary>Erasure records are leaves of the log, those from before key layout 9 listed by the move's record.</summary>
    public bool ErasuresAreLeaves => true;

    public async Task<long> GetLogSizeAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return await database.ListLengthAsync(AccountKey(account.Value) + ":log").ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ConsentLogEntry>> ReadLogAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        var leaves = await database.ListRangeAsync(accountKey + ":log", from, from + limit - 1).ConfigureAwait(false);
        if (leaves.Length == 0)
        {
            return [];
        }

        var records = await ReadRecordsAsync(database, accountKey, from, leaves.Length).ConfigureAwait(false);
        var backfill = await BackfilledAsync(database, accountKey).ConfigureAwait(false);
        var entries = new ConsentLogEntry[leaves.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            entries[i] = Backfilled(await EntryAsync(database, account, accountKey, from + i, leaves[i], i < records.Length ? records[i] : RedisValue.Null).ConfigureAwait(false), backfill);
        }

        return records.Any(IsErasureRecord) ? await WithErasuresAsync(database, account, accountKey, entries, records).ConfigureAwait(false) : entries;
    }

    /// <summary>Whether a record marks an erasure record's leaf: one byte, 1 (an erased event's is 0).</summary>
    private static bool IsErasureRecord(RedisValue record) => IsErased(record) && ((byte[])record!)[0] == 1;

    /// <summary>The entries with the erasure records their one-byte records mark, from one read of the account's <c>era</c> list (an erasure is rare).</summary>
    private static async Task<ConsentLogEntry[]> WithErasuresAsync(IDatabase database, AccountId account, string accountKey, ConsentLogEntry[] entries, RedisValue[] records)
    {
        var kept = new Dictionary<long, Privacy.ErasureRecord>();
        foreach (var json in await database.ListRangeAsync(accountKey + ":era").ConfigureAwait(false))
        {
            try
            {
                var stored = JsonSerializer.Deserialize((string)json!, RedisJsonContext.Default.RedisStoredErasure)!;
                if (stored.LogIndex is { } index)
                {
                    kept[index] = Erasure(account, stored);
                }
            }
            catch (Exception e) when (StoredRecord.IsUnreadable(e))
            {
                // A record that can no longer be read names no leaf: its leaf reads as one that lost its event, which verification reports.
                continue;
            }
        }

        for (var i = 0; i < entries.Length && i < records.Length; i++)
        {
            if (IsErasureRecord(records[i]) && kept.TryGetValue(entries[i].Index, out var held))
            {
                entries[i] = entries[i] with { Erasure = held };
            }
        }

        return entries;
    }

    public async Task<IReadOnlyList<byte[]>> ReadLeavesAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var leaves = await database.ListRangeAsync(AccountKey(account.Value) + ":log", from, from + limit - 1).ConfigureAwait(false);
        return [.. leaves.Select(l => (byte[])l!)];
    }

    public async Task<IReadOnlyList<byte[]>> ReadBlockRootsAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        if (from >= ConsentLogArguments.MaxBlocks)
        {
            return [];
        }

        // One string per account, root after root (SETRANGE): a block never written reads as zeros, which no root is.
        var database = await DatabaseAsync().ConfigureAwait(false);
        var size = ConsentLogArguments.RootSize;
        var bytes = (byte[]?)await database.StringGetRangeAsync(AccountKey(account.Value) + ":blocks", from * size, ((from + limit) * size) - 1).ConfigureAwait(false) ?? [];
        var roots = new List<byte[]>(bytes.Length / size);
        for (var at = 0; at + size <= bytes.Length && bytes.AsSpan(at, size).ContainsAnyExcept((byte)0); at += size)
        {
            roots.Add(bytes[at..(at + size)]);
        }

        return roots;
    }

    public async Task WriteBlockRootsAsync(AccountId account, long from, IReadOnlyList<byte[]> roots, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateBlockRoots(account, from, roots);
        if (roots.Count > 0)
        {
            var database = await DatabaseAsync().ConfigureAwait(false);
            await database.StringSetRangeAsync(AccountKey(account.Value) + ":blocks", from * ConsentLogArguments.RootSize, roots.SelectMany(r => r).ToArray()).ConfigureAwait(false);
        }
    }

    public async Task<ConsentLogEntry?> FindLogEntryAsync(AccountId account, string eventId, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        var found = (RedisValue[])(await RunAsync(database, RedisScripts.FindEvent, accountKey, [accountKey, RedisEventRecord.KeyOf(eventId)]).ConfigureAwait(false))!;
        if (found.Length == 0 || (long)found[1] < 0)
        {
            return null;
        }

        var at = (long)found[1];
        var leaf = database.ListGetByIndexAsync(accountKey + ":log", at);
        var (list, position) = EventPlace(accountKey, at);
        var record = await database.ListGetByIndexAsync(list, position).ConfigureAwait(false);
        return (await leaf.ConfigureAwait(false)) is { IsNull: false } held
            ? Backfilled(await EntryAsync(database, account, accountKey, at, held, record).ConfigureAwait(false), await BackfilledAsync(database, accountKey).ConfigureAwait(false))
            : null;
    }

    public async Task AddCheckpointAsync(AccountId account, ConsentCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        StoreArguments.ValidateAccount(account);
        if (checkpoint.Origin != ConsentCheckpoint.OriginOf(account))
        {
            throw new ArgumentException($"The checkpoint of {checkpoint.Origin} is not one of account '{account.Value}''s log.", nameof(checkpoint));
        }

        var database = await DatabaseAsync().ConfigureAwait(false);
        var member = StoredValues.Ticks(checkpoint.Time).ToString("D19", CultureInfo.InvariantCulture) + "|" + checkpoint.ToJson();
        await database.SortedSetAddAsync(AccountKey(account.Value) + ":ckpt", member, checkpoint.TreeSize).ConfigureAwait(false);
    }

    public async Task<ConsentCheckpoint?> GetLatestCheckpointAsync(AccountId account, CancellationToken cancellationToken = default) =>
        await ReadCheckpointsAsync(account, 0, 0, Order.Descending).ConfigureAwait(false) is [var latest, ..] ? latest : null;

    public Task<IReadOnlyList<ConsentCheckpoint>> GetCheckpointsAsync(AccountId account, CancellationToken cancellationToken = default) =>
        ReadCheckpointsAsync(account, 0, -1, Order.Ascending);

    /// <summary>Checkpoints by rank in <c>ckpt</c> (scored by tree size; members "ticks|json", so equal sizes order by time).</summary>
    private async Task<IReadOnlyList<ConsentCheckpoint>> ReadCheckpointsAsync(AccountId account, long start, long stop, Order order)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var members = await database.SortedSetRangeByRankAsync(AccountKey(account.Value) + ":ckpt", start, stop, order).ConfigureAwait(false);
        return [.. members.Select(m => ConsentCheckpoint.FromJson(((string)m!)[20..]))];
    }

    /// <summary>
    /// A log entry: its leaf and its event; neither event nor id once erased (a tombstone); for a record deleted behind
    /// the store's back, the id the id index still holds, without the event.
    /// </summary>
    private static async Task<ConsentLogEntry> EntryAsync(IDatabase database, AccountId account, string accountKey, long index, RedisValue leaf, RedisValue record)
    {
        if (IsErased(record))
        {
            return new ConsentLogEntry(index, (byte[])leaf!, null, null, null);
        }

        if (!IsEvent(record))
        {
            return new ConsentLogEntry(index, (byte[])leaf!, await IdAtAsync(database, accountKey, index).ConfigureAwait(false), null, null);
        }

        try
        {
            var (e, stored) = RedisEventRecord.Decode(account, (byte[])record!);
            var (salt, check) = stored is null ? (null, null) : SaltColumn.Split(stored);
            return new ConsentLogEntry(index, (byte[])leaf!, e.EventId, e, salt) { FieldCheck = check };
        }
        catch (Exception e) when (StoredRecord.IsUnreadable(e))
        {
            return new ConsentLogEntry(index, (byte[])leaf!, await IdAtAsync(database, accountKey, index).ConfigureAwait(false), null, null) { Unreadable = e.Message };
        }
    }
}
