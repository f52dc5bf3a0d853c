namespace SmsOptOut.Storage;

/// <summary>
/// An immutable set of phone number values (or pseudonyms) for lookups that miss the CPU cache: one open-addressing
/// table of the values themselves (0 marks an empty slot; no number is 0), filled to at most <c>maxLoad</c>, so a lookup
/// is usually one memory access and independent lookups overlap. A value's slot is the high half of its mixed hash times
/// the table's length, so the table needs no power-of-two size: at the default half load it takes 16 bytes per value,
/// at 0.7 about 11.4.
/// </summary>
internal sealed class NumberSet
{
    private const ulong Fibonacci = 0x9E3779B97F4A7C15;

    private readonly ulong[] _slots;
    private readonly bool _hasZero;

    /// <summary>Builds the set; <paramref name="maxLoad"/> is the most of the table that values fill (0.5 by default).</summary>
    public NumberSet(IReadOnlyCollection<ulong> values, double maxLoad = 0.5)
    {
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(16, (long)Math.Ceiling(values.Count / maxLoad)));
        _slots = new ulong[capacity];
        foreach (var value in values)
        {
            if (value == 0)
            {
                // Only a pseudonym can be 0; it has no slot (0 marks an empty one) but is remembered.
                Count += _hasZero ? 0 : 1;
                _hasZero = true;
                continue;
            }

            var i = Slot(value);
            while (_slots[i] != 0 && _slots[i] != value)
            {
                i = ++i == _slots.Length ? 0 : i;
            }

            Count += _slots[i] == 0 ? 1 : 0;
            _slots[i] = value;
        }
    }

    /// <summary>The distinct values in the set.</summary>
    public int Count { get; }

    /// <summary>The bytes the table takes.</summary>
    public long Bytes => (long)_slots.Length * sizeof(ulong);

    public bool Contains(ulong value)
    {
        if (value == 0)
        {
            return _hasZero;
        }

        for (var i = Slot(value); ; i = ++i == _slots.Length ? 0 : i)
        {
            var slot = _slots[i];
            if (slot == value)
            {
                return true;
            }

            if (slot == 0)
            {
                return false;
            }
        }
    }

    /// <summary>Every value of the set, in no order.</summary>
    public IEnumerable<ulong> Values()
    {
        if (_hasZero)
        {
            yield return 0;
        }

        foreach (var slot in _slots)
        {
            if (slot != 0)
            {
                yield return slot;
            }
        }
    }

    private int Slot(ulong value) => (int)Math.BigMul(value * Fibonacci, (ulong)_slots.Length, out _);
}
