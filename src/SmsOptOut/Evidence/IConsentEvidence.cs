using SmsOptOut.Consent;

namespace SmsOptOut.Evidence;

/// <summary>
/// The evidence an account's tamper-evident consent log gives (docs/evidence.md): signed checkpoints to hand to a third
/// party, a verification of the whole log against the latest checkpoint, and consent certificates anyone verifies offline.
/// Needs a storage that keeps the log (<see cref="Storage.StorageCapabilities.ConsentLog"/>) and, to sign, a key in
/// <see cref="EvidenceOptions.SigningKeys"/>.
/// </summary>
public interface IConsentEvidence
{
    /// <summary>The public keys (raw 32-byte Ed25519) of the configured signing and verification keys, by key id: what a verifier needs.</summary>
    IReadOnlyDictionary<string, byte[]> PublicKeys { get; }

    /// <summary>
    /// Signs and keeps a checkpoint of the account's log now — or returns the latest one when the log has not grown
    /// since it was signed.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="InvalidOperationException">No signing key is configured.</exception>
    Task<ConsentCheckpoint> CheckpointAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recomputes the account's whole log: each event's leaf from its stored content, and the tree head of the leaves the
    /// latest checkpoint covers against that checkpoint and its signature. Reports the first divergence. With no key
    /// configured at all, the checkpoints' signatures cannot be checked: that is no divergence but
    /// <see cref="ConsentLogVerification.UncheckedSignatures"/> (and the log is not <see cref="ConsentLogVerification.IsIntact"/>).
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was checked and the first divergence, if any.</returns>
    Task<ConsentLogVerification> VerifyAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>
    /// A consent certificate of one event (docs/evidence.md, "Certificates"): the event with its evidence and salt, its
    /// inclusion proof and a signed checkpoint that covers it (signed now when the latest does not), as JSON.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="eventId">The event's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The certificate's JSON.</returns>
    /// <exception cref="KeyNotFoundException">The event is not in the log (unknown, erased, or recorded before the log).</exception>
    /// <exception cref="ConsentLogDivergenceException">The certificate does not verify: the stored event or the log changed after it was recorded. The exception's <see cref="ConsentLogDivergenceException.Divergence"/> is the log's first divergence as <see cref="VerifyAsync"/> finds it.</exception>
    /// <exception cref="InvalidOperationException">No signing key is configured (or the storage refused): the log did not diverge.</exception>
    Task<string> CreateCertificateAsync(AccountId account, string eventId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A consistency proof (docs/evidence.md, "Consistency proofs") from a checkpoint a third party holds to the latest
    /// one (signed now when the log grew), as JSON: it shows the log only grew since <paramref name="held"/>. The holder
    /// checks it offline (<see cref="ConsentConsistencyVerifier"/>, <c>smsoptout verify</c>) and then keeps the new checkpoint.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="held">The checkpoint the third party holds.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The proof's JSON.</returns>
    /// <exception cref="ArgumentException"><paramref name="held"/> is not this account's, its key id is not configured, or the key's signature does not verify.</exception>
    /// <exception cref="ConsentLogDivergenceException">The log no longer agrees with <paramref name="held"/>: it was rewritten or shrank (run <see cref="VerifyAsync"/>).</exception>
    /// <exception cref="InvalidOperationException">No signing key is configured to sign the latest checkpoint (or the storage refused): the log did not diverge.</exception>
    Task<string> CreateConsistencyProofAsync(AccountId account, ConsentCheckpoint held, CancellationToken cancellationToken = default);

    /// <summary>Verifies every account's log (as <see cref="VerifyAsync"/>) and keeps the outcome as <see cref="LastRound"/>; run every <see cref="EvidenceOptions.VerifyInterval"/>.</summary>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>The round.</returns>
    Task<ConsentLogVerificationRound> VerifyAllAsync(CancellationToken cancellationToken = default);

    /// <summary>The last completed round of <see cref="VerifyAllAsync"/> in this process, or <see langword="null"/> before the first.</summary>
    ConsentLogVerificationRound? LastRound { get; }
}
