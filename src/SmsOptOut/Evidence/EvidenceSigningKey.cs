namespace SmsOptOut.Evidence;

/// <summary>An Ed25519 key that signs checkpoints.</summary>
public sealed class EvidenceSigningKey
{
    /// <summary>The key's id, written in every checkpoint it signs (1 to 64 letters, digits, <c>-</c> or <c>_</c>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The private key: base64 of its 32-byte seed (for example <c>openssl rand -base64 32</c>). Keep it in a secret store.</summary>
    public string PrivateKey { get; set; } = string.Empty;
}
