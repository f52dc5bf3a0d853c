namespace SmsOptOut.Transport.Vonage;

/// <summary>
/// Vonage SMS API credentials and settings, set through <c>AddVonage(o => …)</c>; per account with
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
    /// How Vonage's webhooks are authenticated: <see cref="VonageWebhookAuthentication.Signature"/> (default) checks the SMS
    /// API's <c>sig</c> and the Messages API's JWT with <see cref="SignatureSecret"/> and refuses unsigned webhooks;
    /// <see cref="VonageWebhookAuthentication.UrlSecret"/>, for accounts Vonage has not enabled signing for, checks only
    /// the <see cref="CallbackSecret"/> the webhook URL carries.
    /// </summary>
    public VonageWebhookAuthentication WebhookAuthentication { get; set; } = VonageWebhookAuthentication.Signature;

    /// <summary>
    /// The signature secret of your account's API settings: Vonage signs SMS API webhooks with it (parameter <c>sig</c>, once
    /// Vonage support has enabled signing) and Messages API webhooks (the <c>Authorization: Bearer</c> JWT, always). Without
    /// it, and without <see cref="VonageWebhookAuthentication.UrlSecret"/>, Vonage's webhooks are refused.
    /// </summary>
    public string? SignatureSecret { get; set; }

    /// <summary>
    /// The signature method chosen next to the secret in Vonage's dashboard. Default <see cref="VonageSignatureMethod.Md5Hash"/>,
    /// the dashboard's default. Only that method is accepted for the SMS API's <c>sig</c>; the Messages API's JWT is HS256 whatever it is.
    /// </summary>
    public VonageSignatureMethod SignatureMethod { get; set; } = VonageSignatureMethod.Md5Hash;

    /// <summary>
    /// How old a webhook's signed time (the SMS API's <c>timestamp</c>, the Messages API JWT's <c>iat</c>) may be. Vonage
    /// retries an undelivered webhook for 24 hours (delivery receipts: 72 hours, per one support article), most likely with
    /// the first attempt's timestamp, so the default is 72 hours and 5 minutes; between 24 hours and 7 days. A signed time
    /// more than 5 minutes ahead of the host's clock is refused, and a <c>nonce</c> or <c>jti</c> is remembered as long as
    /// its webhook could be accepted.
    /// </summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromHours(72) + TimeSpan.FromMinutes(5);

    /// <summary>
    /// With <see cref="VonageWebhookAuthentication.UrlSecret"/>: the secret the webhook URLs you paste in Vonage's dashboard
    /// carry in their <c>secret</c> query parameter (<c>https://…/sms/inbound/vonage?secret=…</c>), compared in constant
    /// time; at least 24 characters (32 random ones recommended). Setting it without choosing that mode fails validation.
    /// </summary>
    public string? CallbackSecret { get; set; }

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
