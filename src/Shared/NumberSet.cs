using System.Numerics;

namespace SmsOptOut.Storage;

/// <summary>
/// An immutable set of phone number values for lookups that miss the CPU cache: one open-addressing table of the values
/// themselves (0 marks an empty slot; no number is 0), at most half full, so a lookup is usually one memory access
/// and independent lookups overlap. Half the memory of a <see cref="HashSet{T}"/> of the same numbers.
/// </summary>
internal sealed class NumberSet
{
    private const ulong Fibonacci = 0x9E3779B97F4A7C15;

    private readonly ulong[] _slots;
    private readonly int _shift;

    public NumberSet(IReadOnlyCollection<ulong> values)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, values.Count * 2));
        _slots = new ulong[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
        var mask = capacity - 1;
        foreach (var value in values)
        {
            var i = Slot(value);
            while (_slots[i] != 0 && _slots[i] != value)
            {
                i = (i + 1) & mask;
            }

            Count += _slots[i] == 0 ? 1 : 0;
            _slots[i] = value;
        }
    }

    /// <summary>The distinct values in the set.</summary>
    public int Count { get; }

    public bool Contains(ulong value)
    {
        var mask = _slots.Length - 1;
        for (var i = Slot(value); ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == value)
            {
                return value != 0;
            }

            if (slot == 0)
            {
                return false;
            }
        }
    }

    private int Slot(ulong value) => (int)((value * Fibonacci) >> _shift);
}
