namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// The leaves a verification found without their events, as it walks the log: each erasure record's leaf must list only
/// such leaves before it, none listed twice (<see cref="Add"/>); what no erasure record lists is left for the account's
/// erasure records from before erasures were leaves to count (<see cref="Unlisted"/>).
/// </summary>
internal sealed class ErasedLeaves
{
    private readonly HashSet<long> _unlisted = [];
    private readonly HashSet<long> _listed = [];
    private readonly HashSet<long> _records = [];

    /// <summary>Whether the leaf at <paramref name="index"/> is an erasure record's.</summary>
    public bool IsRecord(long index) => _records.Contains(index);

    /// <summary>How many leaves lost their events with no erasure record in the log listing them.</summary>
    public int Unlisted => _unlisted.Count;

    /// <summary>The first of them, or -1.</summary>
    public long FirstUnlisted => _unlisted.Count == 0 ? -1 : _unlisted.Min();

    /// <summary>Takes the entry at <paramref name="index"/> (already checked against its leaf); a divergence when it is an erasure record listing a leaf it cannot have erased.</summary>
    public ConsentLogDivergence? Add(ConsentLogEntry entry, long index)
    {
        if (entry.Erasure is { } record)
        {
            _records.Add(index);
            foreach (var leaf in record.ErasedLeaves)
            {
                if (!_unlisted.Remove(leaf))
                {
                    var why = leaf >= index ? "which comes after it" : _listed.Contains(leaf) ? "which an earlier erasure record lists" : "whose event is still there";
                    return new(index, null, null, $"the erasure record of request '{record.RequestId}' (leaf {index}) lists leaf {leaf}, {why}: the log was changed after it was recorded");
                }

                _listed.Add(leaf);
            }
        }
        else if (entry.Event is null && entry.EventId is null && entry.Unreadable is null)
        {
            _unlisted.Add(index);
        }

        return null;
    }
}
