namespace SmsOptOut.Transport.SmsTo;

/// <summary>
/// SMS.to credentials and settings, set through <c>AddSmsTo(o => …)</c>; per account with
/// <c>UseProviderOptions&lt;SmsToOptions&gt;(…)</c> when tenants bring their own SMS.to accounts.
/// </summary>
public sealed class SmsToOptions
{
    /// <summary>The API key from SMS.to's dashboard (API Clients), sent as <c>Authorization: Bearer</c>.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The sender ID (up to 11 letters and digits, or a number) messages are sent from; SMS.to's default when <see langword="null"/>.</summary>
    public string? SenderId { get; set; }

    /// <summary>
    /// The secret SMS.to's callbacks must carry in the <c>secret</c> query parameter of the URL you enter in its
    /// dashboard (<c>https://…/sms/inbound/smsto?secret=…</c>), for callbacks SMS.to does not sign. Compared in constant
    /// time; at least 24 characters. Used alone when no <see cref="WebhookSigningSecrets"/> are set; beside them only with
    /// <see cref="AcceptUrlSecretWithoutSignature"/>. With neither, SMS.to's callbacks are refused.
    /// </summary>
    public string? CallbackSecret { get; set; }

    /// <summary>
    /// The webhook secrets SMS.to signs callbacks with (<c>X-SMSTo-Signature: t=&lt;unix&gt;,s=&lt;hex&gt;</c>, HMAC-SHA256 of
    /// the raw body, a dot and <c>t</c>; the official client intergo/sms.to-php <c>Module/Webhook/Signature.php</c>): the
    /// current one, and the previous one while you rotate. When any is set every callback must carry a valid signature —
    /// a missing, wrong, expired or replayed one is refused — unless <see cref="AcceptUrlSecretWithoutSignature"/> lets an
    /// unsigned callback through on <see cref="CallbackSecret"/>. Empty by default; from configuration
    /// <c>WebhookSigningSecrets:0 = …</c>.
    /// </summary>
    public IList<string> WebhookSigningSecrets { get; } = [];

    /// <summary>
    /// How old a signed callback's <c>t</c> may be. SMS.to retries a callback 1 hour after a failure, then 2 hours after that,
    /// then 4 (https://support.sms.to/support/solutions/articles/43000615065), and neither its documentation nor its client
    /// says whether a retry is signed anew, so the default, 72 hours, covers six doubling retries (1 + 2 + 4 + 8 + 16 + 32 = 63
    /// hours) with room to spare. A signature is remembered as used for as long, so a replay inside the window is refused.
    /// Between 1 minute and 30 days.
    /// </summary>
    public TimeSpan WebhookSignatureTolerance { get; set; } = TimeSpan.FromHours(72);

    /// <summary>
    /// Whether, with <see cref="WebhookSigningSecrets"/> set, a callback that carries no <c>X-SMSTo-Signature</c> at all is
    /// still accepted when its URL carries <see cref="CallbackSecret"/> — for callbacks you have not (yet) configured SMS.to to
    /// sign. A callback that carries the header must verify whatever this says. Default <see langword="false"/>: every
    /// callback must be signed. Needs <see cref="CallbackSecret"/>.
    /// </summary>
    public bool AcceptUrlSecretWithoutSignature { get; set; }

    /// <summary>
    /// Where SMS.to reports each message's status (<c>callback_url</c>): the inbound endpoint records a message that
    /// ended <c>UNSUBSCRIBED</c> as an opt-out. Include the <see cref="CallbackSecret"/> in its query. <see langword="null"/>
    /// (default) asks for no status reports.
    /// </summary>
    public Uri? StatusCallbackUrl { get; set; }

    /// <summary>
    /// Whether opt-outs and opt-ins recorded here (link, API, import, keywords from other channels) are pushed to SMS.to's
    /// opt-out list, so SMS.to's own list sends honour them too. Default on. Changes SMS.to reported itself are never pushed back.
    /// </summary>
    public bool PushConsentChanges { get; set; } = true;

    /// <summary>Where SMS.to's messaging API lives. Change it only for tests.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.sms.to/");

    /// <summary>Where SMS.to's contacts API (opt-out and opt-in) lives. Change it only for tests.</summary>
    public Uri ContactsBaseAddress { get; set; } = new("https://sms.to/");

    /// <summary>How long one API call may take before its outcome is reported as unknown. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per message, counting the first, for answers that prove nothing was created (429, 503 with Retry-After, a refused connection). Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The longest wait between attempts; a Retry-After beyond it fails the message instead. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
