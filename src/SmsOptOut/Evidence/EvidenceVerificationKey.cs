namespace SmsOptOut.Evidence;

/// <summary>
/// The public half of an Ed25519 key that signed checkpoints and signs no more: a retired key after a rotation, or every
/// key for an auditor who verifies the log without being able to sign (docs/evidence.md, "Rotating keys").
/// </summary>
public sealed class EvidenceVerificationKey
{
    /// <summary>The key's id, as the checkpoints it signed name it (1 to 64 letters, digits, <c>-</c> or <c>_</c>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The public key: base64 of its 32 bytes (<c>IConsentEvidence.PublicKeys</c> or <c>smsoptout checkpoint</c>'s output shows it).</summary>
    public string PublicKey { get; set; } = string.Empty;
}
