namespace SmsOptOut.Transport.Twilio;

/// <summary>
/// Twilio credentials and sending defaults, set through <c>AddTwilio(o => …)</c>; per account with
/// <c>UseProviderOptions&lt;TwilioOptions&gt;(…)</c> when tenants bring their own Twilio accounts.
/// </summary>
public sealed class TwilioOptions
{
    /// <summary>The account SID, <c>AC</c> followed by 32 hexadecimal characters.</summary>
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>The auth token: authenticates API calls and signs inbound webhooks that no Webhook Rule signs with a SharedKey.</summary>
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>
    /// The SharedKeys Twilio may sign webhooks with instead of the auth token, by id: a webhook whose
    /// <c>X-Twilio-Webhooks-Signature-Settings</c> header says <c>key=&lt;id&gt;,algorithm=HMAC_SHA256</c> (or <c>HMAC_SHA1</c>)
    /// is verified with the secret stored here under that id, and refused when there is none
    /// (https://www.twilio.com/docs/usage/webhooks/webhook-shared-keys). Requests without the header are still verified with
    /// <see cref="AuthToken"/>, so both schemes work side by side. Keep the old key and the new one here while a Webhook Rule
    /// splits traffic between two Settings, then remove the old. Empty by default; from configuration
    /// <c>WebhookSharedKeys:&lt;id&gt; = &lt;secret&gt;</c>.
    /// </summary>
    public IDictionary<string, string> WebhookSharedKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The default sending number (E.164), used when a message names none and no <see cref="MessagingServiceSid"/> is set.</summary>
    public string? From { get; set; }

    /// <summary>A Messaging Service SID (<c>MG…</c>) to send through instead of a single number.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Where Twilio's REST API lives. Change it only for tests or a regional edge.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.twilio.com/");

    /// <summary>How long one API call may take before its outcome is reported as unknown. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per message, counting the first, for responses that prove nothing was created (429, 503 with Retry-After, connection refused). Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The longest wait between attempts; a Retry-After beyond it fails the message instead. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the keyword confirmation to an inbound STOP goes back in the webhook's TwiML answer (default), which
    /// Twilio sends, or through the transport.
    /// </summary>
    public bool ReplyWithTwiml { get; set; } = true;

    /// <summary>
    /// Where Twilio reports each message's status (<c>StatusCallback</c>): the inbound endpoint
    /// (<c>https://…/sms/inbound/twilio</c>) records a recipient who opted out with the carrier (error 21610) as an
    /// opt-out. <see langword="null"/> (default) asks for no status reports.
    /// </summary>
    public Uri? StatusCallbackUrl { get; set; }
}
