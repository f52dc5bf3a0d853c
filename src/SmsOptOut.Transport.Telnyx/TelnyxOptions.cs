namespace SmsOptOut.Transport.Telnyx;

/// <summary>
/// Telnyx credentials and settings, set through <c>AddTelnyx(o => …)</c>; per account with
/// <c>UseProviderOptions&lt;TelnyxOptions&gt;(…)</c> when tenants bring their own Telnyx accounts.
/// </summary>
public sealed class TelnyxOptions
{
    /// <summary>A Telnyx API key (Mission Control portal → API Keys), sent as <c>Authorization: Bearer</c>.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The sending number (E.164) or alphanumeric sender ID; may be omitted when <see cref="MessagingProfileId"/> picks one from the profile's number pool.</summary>
    public string? From { get; set; }

    /// <summary>The messaging profile to send with (required with an alphanumeric sender or a number pool).</summary>
    public string? MessagingProfileId { get; set; }

    /// <summary>
    /// The account's public key (Mission Control portal → Keys &amp; Credentials → Public Key), base64: Telnyx signs every
    /// webhook with the matching private key (Ed25519). Without it, Telnyx's webhooks are refused.
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>How far a webhook's signed <c>telnyx-timestamp</c> may lie from the host's clock. Default 5 minutes, as Telnyx's own libraries use.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Where Telnyx reports each sent message's status (<c>webhook_url</c>), overriding the messaging profile's URL; a
    /// <c>message.finalized</c> with error 40300 is recorded as an opt-out. <see langword="null"/> (default) uses the profile's.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Where Telnyx's API lives. Change it only for tests.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.telnyx.com/");

    /// <summary>How long one API call may take before its outcome is reported as unknown. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per message, counting the first, for answers that prove nothing was created (429, 503 with Retry-After, a refused connection). Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The longest wait between attempts; a Retry-After beyond it fails the message instead. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
