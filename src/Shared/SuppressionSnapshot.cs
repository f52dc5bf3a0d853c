using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;

namespace SmsOptOut.Storage;

/// <summary>
/// Shared source of the adapters (not public API): what one account's bulk filter answers, at one position of the
/// account's change counter — its suppressed numbers and its pseudonymous suppressions (erased numbers) with the keys
/// they were made with, account-wide and per list. Immutable: a change makes a new snapshot, so a filter that took one
/// reads it without locks. The numbers are held in <c>NumberSet</c>s built at load; later changes go to a small
/// overlay (a value's current lists) that wins over them, and are folded in when it grows.
/// </summary>
internal sealed class SuppressionSnapshot
{
    /// <summary>How full the sets of a snapshot are: about 11.4 bytes per number.</summary>
    public const double Load = 0.7;

    private static readonly Dictionary<string, NumberSet> NoLists = new(StringComparer.Ordinal);

    private readonly NumberSet _numbers;
    private readonly Dictionary<string, NumberSet> _numberLists;
    private readonly NumberSet _pseudonyms;
    private readonly Dictionary<string, NumberSet> _pseudonymLists;
    private readonly Dictionary<(ulong Value, bool Pseudonym), string[]>? _overlay;

    private SuppressionSnapshot(long position, string? epoch, int[] keys, NumberSet numbers, Dictionary<string, NumberSet> numberLists, NumberSet pseudonyms,
        Dictionary<string, NumberSet> pseudonymLists, Dictionary<(ulong, bool), string[]>? overlay)
    {
        Position = position;
        Epoch = epoch;
        Keys = keys;
        _numbers = numbers;
        _numberLists = numberLists;
        _pseudonyms = pseudonyms;
        _pseudonymLists = pseudonymLists;
        _overlay = overlay;
        Held = numbers.Count + pseudonyms.Count + numberLists.Values.Sum(s => (long)s.Count) + pseudonymLists.Values.Sum(s => (long)s.Count) + (overlay?.Count ?? 0);
        Bytes = numbers.Bytes + pseudonyms.Bytes + numberLists.Values.Sum(s => s.Bytes) + pseudonymLists.Values.Sum(s => s.Bytes) + ((overlay?.Count ?? 0) * 64L);
    }

    /// <summary>The account's change counter (or the store's equivalent) the snapshot reflects.</summary>
    public long Position { get; }

    /// <summary>The store's epoch the snapshot was read in (<see cref="SuppressionDelta.Epoch"/>).</summary>
    public string? Epoch { get; }

    /// <summary>The pseudonym keys of the account's erasures.</summary>
    public int[] Keys { get; }

    /// <summary>The suppressions held (a number suppressed in two lists counts twice).</summary>
    public long Held { get; }

    /// <summary>The bytes of the tables (the overlay estimated).</summary>
    public long Bytes { get; }

    /// <summary>
    /// Marks each number suppressed account-wide, in <paramref name="list"/>, or under a pseudonym there; returns how
    /// many. The flags must be cleared by the caller.
    /// </summary>
    public int Mark(NumberPseudonyms pseudonyms, ListId? list, ReadOnlySpan<PhoneNumber> numbers, Span<bool> suppressed)
    {
        var listKey = list?.Value;
        var forList = listKey is null ? null : _numberLists.GetValueOrDefault(listKey);
        var overlay = _overlay;
        var checkPseudonyms = Keys.Length > 0 && (_pseudonyms.Count > 0 || _pseudonymLists.Count > 0 || overlay is not null);
        List<int>? misses = checkPseudonyms ? [] : null;
        var count = 0;
        for (var i = 0; i < numbers.Length; i++)
        {
            var value = numbers[i].Value;
            var hit = overlay is not null && overlay.TryGetValue((value, false), out var lists)
                ? Matches(lists, listKey)
                : _numbers.Contains(value) || (forList?.Contains(value) ?? false);
            if (hit)
            {
                suppressed[i] = true;
                count++;
            }
            else
            {
                misses?.Add(i);
            }
        }

        return misses is null || misses.Count == 0 ? count : count + MarkPseudonymous(pseudonyms, listKey, numbers, suppressed, misses);
    }

    private int MarkPseudonymous(NumberPseudonyms pseudonyms, string? listKey, ReadOnlySpan<PhoneNumber> numbers, Span<bool> suppressed, List<int> misses)
    {
        var forList = listKey is null ? null : _pseudonymLists.GetValueOrDefault(listKey);
        var candidates = new PhoneNumber[misses.Count];
        for (var m = 0; m < candidates.Length; m++)
        {
            candidates[m] = numbers[misses[m]];
        }

        var values = new ulong[candidates.Length];
        var count = 0;
        foreach (var key in Keys)
        {
            pseudonyms.Compute(key, candidates, values);
            for (var m = 0; m < values.Length; m++)
            {
                var position = misses[m];
                if (suppressed[position])
                {
                    continue;
                }

                var hit = _overlay is not null && _overlay.TryGetValue((values[m], true), out var lists)
                    ? Matches(lists, listKey)
                    : _pseudonyms.Contains(values[m]) || (forList?.Contains(values[m]) ?? false);
                if (hit)
                {
                    suppressed[position] = true;
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// The snapshot after <paramref name="delta"/>: each changed value takes the lists it is suppressed in now. When the
    /// overlay outgrows a sixteenth of the sets (and 1,024), everything is rebuilt into new sets.
    /// </summary>
    public SuppressionSnapshot With(SuppressionDelta delta)
    {
        if (delta.Changes.Count == 0)
        {
            return delta.Position == Position && delta.Keys is null ? this : new(delta.Position, Epoch, delta.Keys ?? Keys, _numbers, _numberLists, _pseudonyms, _pseudonymLists, _overlay);
        }

        var overlay = _overlay is null ? [] : new Dictionary<(ulong, bool), string[]>(_overlay);
        foreach (var group in delta.Changes.GroupBy(c => (c.Value, c.Pseudonym)))
        {
            overlay[group.Key] = [.. group.Where(c => c.ListKey is not null).Select(c => c.ListKey!).Distinct(StringComparer.Ordinal)];
        }

        var snapshot = new SuppressionSnapshot(delta.Position, Epoch, delta.Keys ?? Keys, _numbers, _numberLists, _pseudonyms, _pseudonymLists, overlay);
        return overlay.Count > Math.Max(1_024, (Held - overlay.Count) / 16) ? snapshot.Rebuild() : snapshot;
    }

    /// <summary>The same suppressions with the overlay folded into new sets.</summary>
    private SuppressionSnapshot Rebuild()
    {
        var builder = new Builder(long.MaxValue) { Position = Position, Epoch = Epoch, Keys = Keys };
        Copy(builder, _numbers, string.Empty, pseudonym: false);
        Copy(builder, _pseudonyms, string.Empty, pseudonym: true);
        foreach (var (key, set) in _numberLists)
        {
            Copy(builder, set, key, pseudonym: false);
        }

        foreach (var (key, set) in _pseudonymLists)
        {
            Copy(builder, set, key, pseudonym: true);
        }

        foreach (var ((value, pseudonym), lists) in _overlay!)
        {
            foreach (var list in lists)
            {
                builder.Add(value, pseudonym, list);
            }
        }

        return builder.Build();
    }

    private void Copy(Builder builder, NumberSet set, string listKey, bool pseudonym)
    {
        foreach (var value in set.Values())
        {
            if (!_overlay!.ContainsKey((value, pseudonym)))
            {
                builder.Add(value, pseudonym, listKey);
            }
        }
    }

    private static bool Matches(string[] lists, string? listKey)
    {
        foreach (var held in lists)
        {
            if (held.Length == 0 || (listKey is not null && string.Equals(held, listKey, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Collects an account's suppressions as a store reads them, within a budget of suppressions.</summary>
    /// <param name="budget">The most suppressions to take; <see cref="Add"/> returns false beyond it.</param>
    internal sealed class Builder(long budget)
    {
        private readonly List<ulong> _numbers = [];
        private readonly List<ulong> _pseudonyms = [];
        private readonly Dictionary<string, List<ulong>> _numberLists = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<ulong>> _pseudonymLists = new(StringComparer.Ordinal);
        private long _count;

        /// <summary>The position the rows were read at (in the same snapshot of the store as the rows).</summary>
        public long Position { get; set; }

        /// <summary>The store's epoch the rows were read in, if it has one (<see cref="SuppressionDelta.Epoch"/>).</summary>
        public string? Epoch { get; set; }

        /// <summary>The account's pseudonym keys.</summary>
        public int[] Keys { get; set; } = [];

        /// <summary>Adds one suppression (<paramref name="listKey"/> empty for account-wide); false when over the budget.</summary>
        public bool Add(ulong value, bool pseudonym, string listKey)
        {
            if (++_count > budget)
            {
                return false;
            }

            if (listKey.Length == 0)
            {
                (pseudonym ? _pseudonyms : _numbers).Add(value);
            }
            else
            {
                var lists = pseudonym ? _pseudonymLists : _numberLists;
                if (!lists.TryGetValue(listKey, out var values))
                {
                    lists[listKey] = values = [];
                }

                values.Add(value);
            }

            return true;
        }

        /// <summary>
        /// Changes to apply over the rows once they are built: for a store that reads the rows as a scan (not in one
        /// snapshot) after reading the position, the changes since that position, which correct every row the scan may
        /// have read in the middle of a change.
        /// </summary>
        public SuppressionDelta? Then { get; set; }

        public SuppressionSnapshot Build()
        {
            var built = new SuppressionSnapshot(Position, Epoch, Keys, new NumberSet(_numbers, Load), Sets(_numberLists), new NumberSet(_pseudonyms, Load), Sets(_pseudonymLists), null);
            return Then is { } delta ? built.With(delta) : built;
        }

        private static Dictionary<string, NumberSet> Sets(Dictionary<string, List<ulong>> lists) => lists.Count == 0
            ? NoLists
            : lists.ToDictionary(l => l.Key, l => new NumberSet(l.Value, Load), StringComparer.Ordinal);
    }
}
