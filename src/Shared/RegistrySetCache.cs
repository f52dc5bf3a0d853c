using System.Collections.Concurrent;
using System.Data.Common;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage;

/// <summary>
/// Shared source of the SQL adapters (not public API): Do-Not-Call registry sets held in process memory by set id. A
/// set's numbers never change once it is in use (a replacement gets a new id), so a loaded set stays right for as long
/// as its id is current, and every instance of the app agrees. Sets larger than the limit are not held: they are
/// probed in the database.
/// </summary>
internal sealed class RegistrySetCache(long maxNumbers)
{
    private readonly ConcurrentDictionary<long, Lazy<Task<NumberSet?>>> _sets = new();
    private readonly ConcurrentDictionary<string, long> _current = new(StringComparer.Ordinal);

    /// <summary>The most numbers a set may hold to be kept in memory (about 16 bytes each).</summary>
    public long MaxNumbers { get; } = maxNumbers;

    /// <summary>
    /// The set <paramref name="setId"/> of <paramref name="count"/> numbers, now in use for <paramref name="scope"/>,
    /// loaded once with <paramref name="load"/>; <see langword="null"/> when it is too large to hold, or when the load
    /// did not find all of it (the set was replaced meanwhile: the caller reads the current ids again). The set the
    /// scope used before is forgotten.
    /// </summary>
    public async Task<NumberSet?> GetAsync(string scope, long setId, long count, Func<long, CancellationToken, Task<List<ulong>>> load, CancellationToken cancellationToken)
    {
        var previous = _current.GetValueOrDefault(scope);
        if (previous != setId)
        {
            _current[scope] = setId;
            _sets.TryRemove(previous, out _);
        }

        if (count > MaxNumbers)
        {
            return null;
        }

        var entry = _sets.GetOrAdd(setId, id => new Lazy<Task<NumberSet?>>(async () =>
        {
            // Distinct values, so a scan that returned a value twice still adds up.
            var set = new NumberSet(await load(id, CancellationToken.None).ConfigureAwait(false));
            return set.Count == count ? set : null;
        }));
        var set = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (set is null)
        {
            _sets.TryRemove(new KeyValuePair<long, Lazy<Task<NumberSet?>>>(setId, entry));
        }

        return set;
    }

    /// <summary>
    /// Marks the listed numbers: reads the scopes' current set ids (<paramref name="currentSets"/>), checks the numbers
    /// against the sets held in memory, loading each once (<paramref name="load"/>: the set's numbers, read in one
    /// snapshot that also finds the set still in use). When a set is too large to hold, or sets keep being replaced
    /// while they load, the database is probed instead (<paramref name="probe"/>).
    /// </summary>
    public async Task<int> FilterAsync(ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> listed,
        Func<CancellationToken, Task<List<(string Scope, long SetId, long Count)>>> currentSets, Func<long, CancellationToken, Task<List<ulong>>> load,
        Func<CancellationToken, Task<int>> probe, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var sets = await currentSets(cancellationToken).ConfigureAwait(false);
            var held = new List<NumberSet>(sets.Count);
            foreach (var (scope, setId, count) in sets)
            {
                if (await GetAsync(scope, setId, count, load, cancellationToken).ConfigureAwait(false) is { } set)
                {
                    held.Add(set);
                }
                else if (count > MaxNumbers)
                {
                    return await probe(cancellationToken).ConfigureAwait(false);
                }
            }

            if (held.Count == sets.Count)
            {
                var hits = 0;
                var input = numbers.Span;
                var flags = listed.Span;
                for (var i = 0; i < input.Length; i++)
                {
                    var value = input[i].Value;
                    foreach (var set in held)
                    {
                        if (set.Contains(value))
                        {
                            flags[i] = true;
                            hits++;
                            break;
                        }
                    }
                }

                return hits;
            }
        }

        return await probe(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads rows of (scope, set id, count), for a store's <c>currentSets</c> query.</summary>
    public static async Task<List<(string Scope, long SetId, long Count)>> ReadSetsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var sets = new List<(string, long, long)>(2);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sets.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return sets;
    }

    /// <summary>Reads rows of one number each, for a store's <c>load</c> query.</summary>
    public static async Task<List<ulong>> ReadNumbersAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var values = new List<ulong>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add((ulong)reader.GetInt64(0));
        }

        return values;
    }
}
