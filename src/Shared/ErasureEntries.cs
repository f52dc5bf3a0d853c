using SmsOptOut.Evidence;

namespace SmsOptOut.Storage;

/// <summary>
/// A page of consent-log entries joined with the erasure records that are leaves among them (docs/evidence.md, "Erasure
/// records in the log"): a store reads its records in the range of the page's entries without events — only when there
/// are such entries, since an erasure is rare — and attaches each to its leaf.
/// </summary>
internal sealed class ErasureEntries
{
    private readonly List<ConsentLogEntry> _entries;
    private readonly Dictionary<long, int> _eventless = [];

    /// <summary>Takes the page; <see cref="From"/> and <see cref="To"/> bound the indexes of its entries without events.</summary>
    public ErasureEntries(List<ConsentLogEntry> entries)
    {
        _entries = entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is { EventId: null, Event: null, Unreadable: null } entry)
            {
                // A page comes in log order: the first such entry has the lowest index, the last the highest.
                (From, To) = (_eventless.Count == 0 ? entry.Index : From, entry.Index);
                _eventless[entry.Index] = i;
            }
        }
    }

    /// <summary>Whether the page has entries without events, so that erasure records must be read.</summary>
    public bool Any => _eventless.Count > 0;

    /// <summary>The first index of an entry without an event.</summary>
    public long From { get; }

    /// <summary>The last index of an entry without an event.</summary>
    public long To { get; }

    /// <summary>Attaches the record a store read for leaf <paramref name="index"/>; one that can no longer be read marks its entry unreadable.</summary>
    public void Attach(long index, Func<Privacy.ErasureRecord> read)
    {
        if (!_eventless.TryGetValue(index, out var at))
        {
            return;
        }

        try
        {
            _entries[at] = _entries[at] with { Erasure = read() };
        }
        catch (Exception e) when (StoredRecord.IsUnreadable(e))
        {
            _entries[at] = _entries[at] with { Unreadable = e.Message };
        }
    }
}
