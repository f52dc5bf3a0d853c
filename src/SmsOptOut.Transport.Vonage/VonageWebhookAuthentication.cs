namespace SmsOptOut.Transport.Vonage;

/// <summary>
/// How Vonage's webhooks prove they come from Vonage: <see cref="VonageOptions.WebhookAuthentication"/>. Vonage's SMS API
/// signs its webhooks only once Vonage support has turned signing on for the account; until then choose
/// <see cref="UrlSecret"/> explicitly: an unsigned webhook is never accepted otherwise.
/// </summary>
public enum VonageWebhookAuthentication
{
    /// <summary>
    /// Signed webhooks (the default): the SMS API's <c>sig</c> parameter with <see cref="VonageOptions.SignatureMethod"/>
    /// and the Messages API's <c>Authorization: Bearer</c> JWT (HS256), both with <see cref="VonageOptions.SignatureSecret"/>;
    /// the signed <c>timestamp</c> or <c>iat</c> within <see cref="VonageOptions.SignatureTolerance"/>; the body bound to
    /// the signature; a <c>nonce</c> or <c>jti</c> seen before refused as a replay. Unsigned webhooks are refused.
    /// </summary>
    Signature = 0,

    /// <summary>
    /// For accounts without signed webhooks: the webhook URL you paste in Vonage's dashboard carries
    /// <c>?secret=</c><see cref="VonageOptions.CallbackSecret"/>, compared in constant time, and nothing else is checked —
    /// no signature, no timestamp, no replay guard (a repeat changes nothing: messages are deduplicated by Vonage's id).
    /// Anyone who learns the URL can post opt-outs: keep it out of logs, serve it over HTTPS only, and move to
    /// <see cref="Signature"/> once Vonage has enabled signing.
    /// </summary>
    UrlSecret = 1,
}
