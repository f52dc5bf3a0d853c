namespace SmsOptOut.Evidence;

/// <summary>
/// The tamper-evident consent log's checkpoints (docs/evidence.md): the Ed25519 keys that sign them and how often an
/// account's log is checkpointed. Without a signing key no checkpoint is signed (the log is still kept).
/// </summary>
public sealed class EvidenceOptions
{
    /// <summary>The signing keys; old ones stay listed (their public keys verify old checkpoints) while <see cref="ActiveKeyId"/> names the one that signs.</summary>
    public IList<EvidenceSigningKey> SigningKeys { get; } = [];

    /// <summary>
    /// Public keys that verify checkpoints but sign none: a key retired by a rotation (its private half can then be
    /// destroyed), or, for an auditor, every key of the log. Ids are unique across these and <see cref="SigningKeys"/>.
    /// </summary>
    public IList<EvidenceVerificationKey> VerificationKeys { get; } = [];

    /// <summary>The id of the key that signs new checkpoints; the only key when <see langword="null"/> and there is one.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>How often each account whose log grew gets a new checkpoint. Default 1 hour; 1 minute to 1 day.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often every account's log is verified in the background (<see cref="IConsentEvidence.VerifyAllAsync"/>), the
    /// health check reporting the last round. Default 1 day; 1 minute to 30 days; <see langword="null"/>: never.
    /// </summary>
    public TimeSpan? VerifyInterval { get; set; } = TimeSpan.FromDays(1);
}
