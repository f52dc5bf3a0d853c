namespace SmsOptOut.Tool.Evidence;

/// <summary>
/// The answer of <c>verify</c> on an account's whole log (docs/schemas/v1/verify.schema.json): the log's size, what was
/// recomputed and what was erased, the erasure records among the leaves, the checkpoints checked and the latest, the events added by the one-time backfill and
/// when (null when none), and the first divergence (null when the log is intact).
/// </summary>
internal sealed record VerifyAnswer(int Version, string Account, long LogSize, long Checked, long Erased, long Erasures, int Checkpoints, CheckpointEntry? LatestCheckpoint,
    long Backfilled, string? BackfilledAt, bool Intact, DivergenceEntry? Divergence);

/// <summary>A signed checkpoint: how many events it covers, the key that signed it and when.</summary>
internal sealed record CheckpointEntry(long TreeSize, string KeyId, string Time);

/// <summary>The first divergence: the leaf and the event when known, when the event was recorded, the one field its check locates, and what differs.</summary>
internal sealed record DivergenceEntry(long? Index, string? EventId, string? RecordedAt, string? Field, string Reason);
