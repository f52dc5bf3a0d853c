namespace SmsOptOut.Storage.InMemory;

/// <summary>
/// The send times of one number under one counter of <see cref="InMemorySendLedger"/>: the first kept inline, later
/// ones in a list, so a number sent once costs the ledger no object of its own (nothing for the garbage collector to
/// copy as the ledger grows during a send).
/// </summary>
internal struct InMemorySendTimes
{
    private DateTimeOffset _first;
    private List<DateTimeOffset>? _more;

    /// <summary>How many times are kept.</summary>
    public int Count { readonly get; private set; }

    /// <summary>How many of the times are after <paramref name="since"/>.</summary>
    public readonly int CountAfter(DateTimeOffset since)
    {
        var count = Count > 0 && _first > since ? 1 : 0;
        if (_more is not null)
        {
            foreach (var time in _more)
            {
                count += time > since ? 1 : 0;
            }
        }

        return count;
    }

    public void Add(DateTimeOffset time)
    {
        if (Count == 0)
        {
            _first = time;
        }
        else
        {
            (_more ??= new List<DateTimeOffset>(1)).Add(time);
        }

        Count++;
    }

    /// <summary>Removes the oldest times before <paramref name="before"/>, at most <paramref name="limit"/>; returns how many.</summary>
    public int RemoveBefore(DateTimeOffset before, int limit)
    {
        var times = new List<DateTimeOffset>(Count);
        if (Count > 0)
        {
            times.Add(_first);
        }

        if (_more is not null)
        {
            times.AddRange(_more);
        }

        times.Sort();
        var old = Math.Min(times.Count(t => t < before), limit);
        this = default;
        for (var i = old; i < times.Count; i++)
        {
            Add(times[i]);
        }

        return old;
    }
}
