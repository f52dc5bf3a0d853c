using SmsOptOut.Consent;

namespace SmsOptOut.Evidence;

/// <summary>One leaf of an account's consent log.</summary>
/// <param name="Index">Its position in the log (0-based, the store's commit order).</param>
/// <param name="LeafHash">The leaf hash kept with it (32 bytes).</param>
/// <param name="EventId">The event's id; <see langword="null"/> once erased.</param>
/// <param name="Event">The event, as stored now; <see langword="null"/> once erased — or when it was deleted by other means than an erasure (<paramref name="EventId"/> set).</param>
/// <param name="Salt">The event's salt (16 bytes); <see langword="null"/> once erased or once retention minimized its evidence.</param>
public sealed record ConsentLogEntry(long Index, byte[] LeafHash, string? EventId, ConsentEvent? Event, byte[]? Salt)
{
    /// <summary>
    /// When the leaf was computed after the fact, for an event recorded before the store kept the log (the one-time
    /// backfill of the upgrade, docs/evidence.md); <see langword="null"/> for a leaf written in its event's own
    /// transaction. Such a leaf is only as trustworthy as the database was at that time.
    /// </summary>
    public DateTimeOffset? BackfilledAt { get; init; }

    /// <summary>
    /// The event's field check, computed with its leaf (<see cref="ConsentLogLeaf.FieldCheck"/>): what lets verification
    /// name the field that changed; <see langword="null"/> without a salt, or for an event recorded before stores kept it.
    /// </summary>
    public int? FieldCheck { get; init; }

    /// <summary>
    /// Why the event's stored record could not be read (malformed evidence, a column of the wrong type, a number out of
    /// range), with <see cref="Event"/> <see langword="null"/>: a record changed behind the store's back, which
    /// verification reports as such. <see langword="null"/> when it was read. A store sets it instead of throwing, so a
    /// verification names the event rather than failing.
    /// </summary>
    public string? Unreadable { get; init; }

    /// <summary>
    /// The erasure record this leaf records (with <see cref="Event"/> and <see cref="EventId"/> <see langword="null"/>):
    /// an erasure appends one leaf, <see cref="ConsentLogLeaf.ErasureHash"/> of its record, listing the leaves whose
    /// events it deleted. <see langword="null"/> for an event's leaf.
    /// </summary>
    public Privacy.ErasureRecord? Erasure { get; init; }
}
