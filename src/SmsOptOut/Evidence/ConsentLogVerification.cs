namespace SmsOptOut.Evidence;

/// <summary>The result of verifying an account's consent log.</summary>
/// <param name="LogSize">How many leaves the log has (in the store), however early a divergence stopped the verification.</param>
/// <param name="Checked">How many events were recomputed from their stored content; with a divergence, only those before it (the verification stops there).</param>
/// <param name="Erased">How many leaves have no content any more (erased, or evidence minimized by retention): their leaves count, their content cannot be checked. With a divergence, only those before it.</param>
/// <param name="Checkpoint">The latest checkpoint the log was checked against, or <see langword="null"/> when none was signed.</param>
/// <param name="Divergence">The first divergence found, or <see langword="null"/> when the log is intact.</param>
public sealed record ConsentLogVerification(long LogSize, long Checked, long Erased, ConsentCheckpoint? Checkpoint, ConsentLogDivergence? Divergence)
{
    /// <summary>
    /// Whether the log was found intact: every event matches its leaf, every kept checkpoint matches the log, and every
    /// checkpoint's signature was checked. <see langword="false"/> without a <see cref="Divergence"/> when
    /// <see cref="UncheckedSignatures"/> is not 0: the log could not be fully checked, which is not a divergence.
    /// </summary>
    public bool IsIntact => Divergence is null && UncheckedSignatures == 0;

    /// <summary>How many signed checkpoints the log was checked against: every one kept, the oldest as strictly as the latest.</summary>
    public int Checkpoints { get; init; }

    /// <summary>
    /// How many leaves were computed after the fact, for events recorded before the store kept the log (the upgrade's
    /// backfill): they are only as trustworthy as the database was at <see cref="BackfilledAt"/>. With a divergence, only
    /// those before it.
    /// </summary>
    public long Backfilled { get; init; }

    /// <summary>When the latest of those leaves was added to the log; <see langword="null"/> when none was.</summary>
    public DateTimeOffset? BackfilledAt { get; init; }

    /// <summary>
    /// How many leaves are erasure records (<see cref="ConsentLogEntry.Erasure"/>), each recomputed from its stored record
    /// and its erased leaves accounted for; not counted in <see cref="Checked"/> or <see cref="Erased"/>. With a
    /// divergence, only those before it.
    /// </summary>
    public long Erasures { get; init; }

    /// <summary>
    /// How many kept checkpoints' signatures were not checked because no key is configured at all
    /// (<see cref="EvidenceOptions.SigningKeys"/> is empty): a setup problem, not a <see cref="Divergence"/>. Their roots
    /// were still checked against the leaves, but whoever rewrote the store could have recomputed those; only the
    /// signatures rule that out, so the log is not <see cref="IsIntact"/>. Always 0 when a key is configured: a
    /// checkpoint whose key id is not listed (a dropped old key, or a forgery) or whose signature does not verify is then a
    /// divergence.
    /// </summary>
    public int UncheckedSignatures { get; init; }
}

/// <summary>One round of verifying every account's log.</summary>
/// <param name="CompletedAt">When it finished.</param>
/// <param name="Accounts">How many accounts' logs were verified.</param>
/// <param name="Divergences">The accounts whose log is not intact, each with its first divergence; empty when all are.</param>
public sealed record ConsentLogVerificationRound(DateTimeOffset CompletedAt, int Accounts, IReadOnlyDictionary<string, ConsentLogDivergence> Divergences)
{
    /// <summary>
    /// The accounts whose kept checkpoints' signatures could not be checked because no key is configured
    /// (<see cref="ConsentLogVerification.UncheckedSignatures"/>): a setup problem, not a divergence; empty when a key is
    /// configured or no account has a checkpoint.
    /// </summary>
    public IReadOnlyList<string> UncheckedAccounts { get; init; } = [];
}

/// <summary>Where a log stopped matching what it recorded.</summary>
/// <param name="Index">The leaf's index, or <see langword="null"/> when only the tree as a whole differs from the checkpoint.</param>
/// <param name="EventId">The event at that leaf, when known.</param>
/// <param name="RecordedAt">When that event says it was recorded, when known: the change was made after it.</param>
/// <param name="Reason">What differs.</param>
public sealed record ConsentLogDivergence(long? Index, string? EventId, DateTimeOffset? RecordedAt, string Reason)
{
    /// <summary>
    /// The one field of the event that changed, by its name in a consent certificate's JSON ("number", "occurred_at",
    /// "message_text" …), as the event's field check locates it; <see langword="null"/> when several changed, when the event has no
    /// check, or when the divergence is not an edited event. A hint: <see cref="Reason"/> says what is certain.
    /// </summary>
    public string? Field { get; init; }
}
