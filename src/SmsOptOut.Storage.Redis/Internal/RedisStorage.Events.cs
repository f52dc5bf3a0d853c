using System.Globalization;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// Where key layout 4 keeps each consent event, once: the record of the event at log index i is element i % 128 of the
/// list <c>ev:&lt;i / 128&gt;</c> (a short list, so reaching one element is cheap, and a list of records costs a few bytes
/// per element); an event from before the consent log (moved from an older layout, no leaf) has index −1 − j and is
/// element j of <c>evpre</c>. Indexes over it: <c>evix</c> (the id's key form → index), <c>evnum</c> (number → its
/// events' indexes, oldest first), both bucketed hashes that stay listpacks (<see cref="RedisScripts"/>'s
/// <c>EventPlaces</c>), and <c>evtime</c> (each list → the earliest and latest recording time in it), which
/// stand in for layout 3's second copy in the number's history and its time-ordered log. An erased event's record is a
/// tombstone, one zero byte; an empty or missing record is one deleted behind the store's back, which the consent log
/// reports with the id the id index still holds for it.
/// </summary>
internal sealed partial class RedisStorage
{
    /// <summary>Records per event list.</summary>
    private const int EventsPerList = 128;

    /// <summary>The entry of <c>evtime</c> that spans the events from before the log in <c>evpre</c> (key layouts 4 and 5; layout 6 adds them to the log and deletes both).</summary>
    private const string PreLogList = "p";

    /// <summary>
    /// The details of suppressions by their <c>supz</c> members (<c>supd</c>, bucketed: <see cref="RedisScripts.Details"/>),
    /// with the event id's key form in place of the event or, for a layout move, <paramref name="asStored"/>; null for a member not there.
    /// </summary>
    private static async Task<RedisValue[]> DetailsAsync(IDatabase database, string accountKey, RedisValue[] members, bool asStored = false)
    {
        var reads = members.Chunk(1_000).Select(chunk => RunAsync(database, RedisScripts.Details, accountKey, [accountKey, asStored ? 1 : 0, .. chunk])).ToArray();
        return [.. (await Task.WhenAll(reads).ConfigureAwait(false)).SelectMany(r => (RedisValue[])r!)];
    }

    /// <summary>Whether a record holds an event (not a tombstone, not deleted).</summary>
    private static bool IsEvent(RedisValue record) => !record.IsNull && record.Length() > 1;

    /// <summary>Whether a record is an erasure's tombstone.</summary>
    private static bool IsErased(RedisValue record) => !record.IsNull && record.Length() == 1;

    /// <summary>The id the id index holds for <paramref name="index"/> (a read of every bucket: only for a record deleted behind the store's back), or <see langword="null"/>.</summary>
    private static async Task<string?> IdAtAsync(IDatabase database, string accountKey, long index)
    {
        var count = await database.ListLengthAsync(accountKey + ":log").ConfigureAwait(false) + await database.ListLengthAsync(accountKey + ":evpre").ConfigureAwait(false);
        foreach (var chunk in BucketNames(accountKey, "evix", count).Chunk(256))
        {
            foreach (var entries in await Task.WhenAll(chunk.Select(b => database.HashGetAllAsync(b))).ConfigureAwait(false))
            {
                if (entries.FirstOrDefault(e => (long)e.Value == index) is { Name.IsNull: false } found)
                {
                    return RedisEventRecord.IdOf((byte[])found.Name!);
                }
            }
        }

        return null;
    }

    /// <summary>Every bucket a bucketed index (<c>evix</c>, <c>evnum</c>) of <paramref name="count"/> ordinals may use: the levels they reach, every bucket of each.</summary>
    internal static IEnumerable<RedisKey> BucketNames(string accountKey, string name, long count)
    {
        var levels = 0;
        for (long reached = 64, span = 64; reached < count; span *= 16, reached += span)
        {
            levels++;
        }

        for (var level = 0; count > 0 && level <= levels; level++)
        {
            for (var bucket = 0L; bucket < 1L << (4 * level); bucket++)
            {
                yield return accountKey + ":" + name + ":" + level.ToString(CultureInfo.InvariantCulture) + ":" + bucket.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The list and the position in it of the event at <paramref name="index"/>.</summary>
    private static (RedisKey List, long At) EventPlace(string accountKey, long index) =>
        index < 0 ? (accountKey + ":evpre", -index - 1) : (EventList(accountKey, index / EventsPerList), index % EventsPerList);

    private static RedisKey EventList(string accountKey, long list) => accountKey + ":ev:" + list.ToString(CultureInfo.InvariantCulture);

    /// <summary>The records of the consecutive log indexes from <paramref name="from"/>.</summary>
    private static async Task<RedisValue[]> ReadRecordsAsync(IDatabase database, string accountKey, long from, int count)
    {
        var reads = new List<Task<RedisValue[]>>();
        for (var index = from; index < from + count;)
        {
            var list = index / EventsPerList;
            var last = Math.Min(from + count, (list + 1) * EventsPerList) - 1;
            reads.Add(database.ListRangeAsync(EventList(accountKey, list), index % EventsPerList, last % EventsPerList));
            index = last + 1;
        }

        return [.. (await Task.WhenAll(reads).ConfigureAwait(false)).SelectMany(r => r)];
    }

    /// <summary>The records of a number's events, oldest first, without the erased ones.</summary>
    private static async Task<List<RedisValue>> ReadNumberRecordsAsync(IDatabase database, string accountKey, ulong number)
    {
        var indexes = (RedisValue)await RunAsync(database, RedisScripts.NumberEvents, accountKey, [accountKey, number.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
        if (indexes.IsNull)
        {
            return [];
        }

        var reads = ((string)indexes!).Split(' ').Select(i => EventPlace(accountKey, long.Parse(i, CultureInfo.InvariantCulture)))
            .Select(p => database.ListGetByIndexAsync(p.List, p.At)).ToArray();
        return [.. (await Task.WhenAll(reads).ConfigureAwait(false)).Where(IsEvent)];
    }

    /// <summary>
    /// The event lists that may hold events recorded in (<paramref name="after"/>, <paramref name="until"/>] (ticks), by
    /// their earliest recording time: the list's number and its span.
    /// </summary>
    private static async Task<List<(string List, long Low, long High)>> EventListsAsync(IDatabase database, string accountKey, long after, long until)
    {
        var lists = new List<(string, long, long)>();
        foreach (var entry in await database.HashGetAllAsync(accountKey + ":evtime").ConfigureAwait(false))
        {
            var span = (string)entry.Value!;
            var low = long.Parse(span.AsSpan(0, 19), CultureInfo.InvariantCulture);
            var high = long.Parse(span.AsSpan(20), CultureInfo.InvariantCulture);
            if (high > after && low <= until)
            {
                lists.Add(((string)entry.Name!, low, high));
            }
        }

        lists.Sort((x, y) => x.Item2.CompareTo(y.Item2));
        return lists;
    }

    /// <summary>
    /// The records of one event list with an order key for events recorded at the same time: the index, except that the
    /// events recorded before the log, which key layout 6 appended to it (<paramref name="backfill"/>), come first, as
    /// they did before.
    /// </summary>
    private static async Task<IEnumerable<(long Order, RedisValue Record)>> ReadEventListAsync(IDatabase database, string accountKey, string list, RedisBackfill? backfill)
    {
        var first = long.Parse(list, CultureInfo.InvariantCulture) * EventsPerList;
        var records = await database.ListRangeAsync(EventList(accountKey, first / EventsPerList)).ConfigureAwait(false);
        return records.Select((r, j) => (backfill is { } b && b.Holds(first + j) ? (long.MinValue / 2) + (first + j - b.Base) : first + j, r));
    }
}
