namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>A change made to a stored consent log behind the store's back (<see cref="StorageFixture.TamperAsync"/>).</summary>
public enum Tampering
{
    /// <summary>One field of the event is edited: its evidence's note is rewritten.</summary>
    EditNote = 1,

    /// <summary>The event's time is moved one second earlier (back-dating).</summary>
    BackDate = 2,

    /// <summary>The event's record is deleted (not through an erasure).</summary>
    DeleteEvent = 3,

    /// <summary>The event's leaf is swapped with the next leaf of the log (a reordering).</summary>
    SwapWithNext = 4,

    /// <summary>The event's number is replaced by the next number.</summary>
    EditNumber = 5,

    /// <summary>Two fields at once: the note is rewritten and the event back-dated.</summary>
    EditNoteAndBackDate = 6,

    /// <summary>The event's salt is removed, as evidence minimization removes it, its evidence emptied and its number replaced.</summary>
    RemoveSaltAndEditNumber = 7,

    /// <summary>The event's record is deleted and its id cleared from the log: what an erasure leaves, without the erasure (no erasure record).</summary>
    DeleteAsAnErasure = 8,

    /// <summary>The event's record is made unreadable in the store's own way (malformed evidence JSON, a number out of range, a cut record).</summary>
    UnreadableRecord = 9,

    /// <summary>The account's erasure record's reason is changed (its leaf stays as it was written).</summary>
    EditErasureRecord = 10,

    /// <summary>The account's erasure record is deleted (its leaf, and the leaves it listed, stay).</summary>
    DeleteErasureRecord = 11,

    /// <summary>
    /// The account's erasure records made as a store kept them before they were leaves of the log: their leaves removed
    /// (the latest leaves of the log), their leaf indexes and lists cleared, and the store marked as not yet upgraded, so
    /// that the next instance to start lists the erased leaves as the upgrade does.
    /// </summary>
    UnlogErasures = 12,

    /// <summary>An erasure record is added behind the store's back, naming the event's leaf as its own.</summary>
    ForgeErasureRecord = 13,

    /// <summary>The store is marked as not yet upgraded to erasure records as leaves, so the next instance to start lists the erased leaves again.</summary>
    MarkNotUpgraded = 14,
}
