namespace SmsOptOut.Transport.Vonage;

/// <summary>
/// Vonage SMS API credentials and settings, set through <c>UseVonage(o => …)</c>; per account with
/// <c>UseProviderOptions&lt;VonageOptions&gt;(…)</c> when tenants bring their own Vonage accounts.
/// </summary>
public sealed class VonageOptions
{
    /// <summary>The API key from Vonage's dashboard.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The API secret paired with <see cref="ApiKey"/>.</summary>
    public string ApiSecret { get; set; } = string.Empty;

    /// <summary>The sender: a Vonage number (E.164) or an alphanumeric sender ID.</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>
    /// The signature secret of your account's API settings: Vonage signs inbound messages and delivery receipts with it
    /// (parameter <c>sig</c>). Without it, Vonage's webhooks are refused.
    /// </summary>
    public string? SignatureSecret { get; set; }

    /// <summary>The signature method chosen next to the secret in Vonage's dashboard. Default HMAC-SHA256.</summary>
    public VonageSignatureMethod SignatureMethod { get; set; } = VonageSignatureMethod.Sha256;

    /// <summary>How far a webhook's signed <c>timestamp</c> may lie from the host's clock. Default 5 minutes.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Where Vonage sends each message's delivery receipt (<c>callback</c>), overriding the account's default: a receipt
    /// with <c>err-code</c> 9 (the recipient opted out) is recorded as an opt-out. <see langword="null"/> (default) uses the account's.
    /// </summary>
    public Uri? StatusCallbackUrl { get; set; }

    /// <summary>Where Vonage's SMS API lives. Change it only for tests.</summary>
    public Uri BaseAddress { get; set; } = new("https://rest.nexmo.com/");

    /// <summary>How long one API call may take before its outcome is reported as unknown. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per message, counting the first, for answers that prove nothing was created (throttled, 429, a refused connection). Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The longest wait between attempts; a Retry-After beyond it fails the message instead. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
