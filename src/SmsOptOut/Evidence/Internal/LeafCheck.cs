namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// Recomputes the leaves of a page of log entries from their stored events — the bulk of verifying a log — across
/// every core: each leaf depends only on its own event, so a page splits freely; the tree over the leaves is grown in
/// order afterwards.
/// </summary>
internal static class LeafCheck
{
    /// <summary>Below this many entries a page is checked on the calling thread: scheduling costs more than it saves.</summary>
    private const int ParallelFrom = 512;

    /// <summary>For each entry: whether its event, when it has one with its salt, still gives its leaf hash (entries without content match).</summary>
    public static bool[] Matches(IReadOnlyList<ConsentLogEntry> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var matches = new bool[page.Count];
        if (page.Count < ParallelFrom)
        {
            for (var i = 0; i < page.Count; i++)
            {
                matches[i] = Match(page[i]);
            }

            return matches;
        }

        Parallel.For(0, page.Count, i => matches[i] = Match(page[i]));
        return matches;
    }

    /// <summary>A salt of another size than the leaf's was changed in the store: no match, never an exception that stops the walk.</summary>
    private static bool Match(ConsentLogEntry entry) => entry switch
    {
        { Erasure: { } record } => ErasureLeaf.Matches(record, entry.LeafHash),
        { Event: { } e, Salt: { } salt } => salt.Length == ConsentLeaf.SaltSize && ConsentLeaf.Matches(e, salt, entry.LeafHash),
        _ => true,
    };
}
