namespace SmsOptOut.Storage;

/// <summary>
/// What changed in an account since a snapshot's position, read in one round trip with the current position: each
/// changed value with the lists it is suppressed in now (one row per list; a row with no list when it is suppressed
/// nowhere). <see cref="Complete"/> is false when the store no longer keeps every change since that position (or its
/// position went back): the snapshot must be loaded again.
/// </summary>
/// <param name="Position">The account's current position.</param>
/// <param name="Complete">Whether <see cref="Changes"/> holds every change since the snapshot's position.</param>
/// <param name="Keys">The account's pseudonym keys when anything changed, else <see langword="null"/>.</param>
/// <param name="Changes">The changed values' current rows.</param>
/// <param name="Epoch">
/// What identifies the store's copy of the data where the store can lose acknowledged writes (Redis: the run id of the
/// server that answered, new after a restart or a failover); a snapshot of another epoch loads again. <see langword="null"/> elsewhere.
/// </param>
internal sealed record SuppressionDelta(long Position, bool Complete, int[]? Keys, IReadOnlyList<SuppressionChange> Changes, string? Epoch = null)
{
    /// <summary>
    /// How many changes a store keeps per account (its change log is trimmed to them as it is written); a snapshot further
    /// behind is loaded again.
    /// </summary>
    public const int KeptChanges = 10_000;

    /// <summary>
    /// Whether a snapshot at <paramref name="held"/> can be brought to <paramref name="current"/> from the kept changes: not
    /// when the counter went back, nor when more changes were made than are kept, nor when the snapshot is older than
    /// <paramref name="floor"/> (an erasure deleted its number's changes, so the number leaves the store's change log).
    /// </summary>
    public static bool CanCatchUp(long held, long current, long floor = 0) => current >= held && current - held <= KeptChanges && held >= floor;
}
