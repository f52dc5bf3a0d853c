using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The tamper-evident consent log (<see cref="IConsentLogStore"/>): the apply script pushes each leaf to <c>log</c> (its
/// index is its place in the list) and notes where its event is in <c>logev</c> (index → event member and id) and
/// <c>logix</c> (id → index); the erase script drops those two, so the leaf stays without its event. Checkpoints are a
/// sorted set by tree size.
/// </summary>
internal sealed partial class RedisStorage : IConsentLogStore
{
    public async Task<long> GetLogSizeAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return await database.ListLengthAsync(AccountKey(account.Value) + ":log").ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ConsentLogEntry>> ReadLogAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidatePage(account, limit);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        var leaves = await database.ListRangeAsync(accountKey + ":log", from, from + limit - 1).ConfigureAwait(false);
        if (leaves.Length == 0)
        {
            return [];
        }

        var places = await database.HashGetAsync(accountKey + ":logev", [.. Enumerable.Range(0, leaves.Length).Select(i => (RedisValue)(from + i))]).ConfigureAwait(false);
        return await EntriesAsync(database, accountKey, from, leaves, places).ConfigureAwait(false);
    }

    public async Task<ConsentLogEntry?> FindLogEntryAsync(AccountId account, string eventId, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        if (await database.HashGetAsync(accountKey + ":logix", eventId).ConfigureAwait(false) is not { IsNull: false } index)
        {
            return null;
        }

        var at = (long)index;
        var leaf = await database.ListGetByIndexAsync(accountKey + ":log", at).ConfigureAwait(false);
        var place = await database.HashGetAsync(accountKey + ":logev", at).ConfigureAwait(false);
        return leaf.IsNull ? null : (await EntriesAsync(database, accountKey, at, [leaf], [place]).ConfigureAwait(false))[0];
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

    /// <summary>The entries of consecutive leaves from <paramref name="from"/>, with their events (<c>logev</c>: "recorded|seq|id").</summary>
    private static async Task<ConsentLogEntry[]> EntriesAsync(IDatabase database, string accountKey, long from, RedisValue[] leaves, RedisValue[] places)
    {
        var members = places.Select(p => p.IsNull ? default : (RedisValue)((string)p!)[..Second((string)p!)]).ToArray();
        var documents = members.Any(m => !m.IsNull)
            ? await database.HashGetAsync(accountKey + ":evd", [.. members.Where(m => !m.IsNull)]).ConfigureAwait(false)
            : [];
        var entries = new ConsentLogEntry[leaves.Length];
        var next = 0;
        for (var i = 0; i < leaves.Length; i++)
        {
            string? eventId = null;
            RedisValue document = default;
            if (!places[i].IsNull)
            {
                var place = (string)places[i]!;
                eventId = place[(Second(place) + 1)..];
                document = documents[next++];
            }

            var json = document.IsNull ? null : (string)document!;
            entries[i] = new ConsentLogEntry(from + i, (byte[])leaves[i]!, eventId, json is null ? null : RedisStoredEvent.Deserialize(json), json is null ? null : RedisStoredEvent.SaltOf(json));
        }

        return entries;
    }

    /// <summary>The position of the second <c>|</c> of "recorded|seq|id" (the member ends there).</summary>
    private static int Second(string place) => place.IndexOf('|', place.IndexOf('|', StringComparison.Ordinal) + 1);
}
