namespace SmsOptOut.Links;

/// <summary>A key for stateless opt-out links. Keep old keys configured after rotating, so links issued under them keep working.</summary>
public sealed class OptOutLinkKey
{
    /// <summary>The key id (0–255), written into every token made with the key.</summary>
    public int Id { get; set; }

    /// <summary>The key material, base64, at least 32 bytes (256 bits). Generate with <c>openssl rand -base64 32</c>.</summary>
    public string Secret { get; set; } = string.Empty;
}
