namespace SmsOptOut.Webhooks;

/// <summary>The shape of the webhook body.</summary>
public enum WebhookPayloadFormat
{
    /// <summary>
    /// The default, byte-compatible with the product SmsOptOut replaces:
    /// <c>{"timestamp":"2026-11-27T06:14:08Z","unsubscribed_number":"+4917612345678","source":"Optout Link"}</c>.
    /// </summary>
    Legacy = 1,

    /// <summary>The Standard Webhooks envelope: <c>{"type":"optout.created","timestamp":"…","data":{…legacy fields…}}</c>.</summary>
    StandardEnvelope = 2,

    /// <summary>
    /// The legacy fields form-encoded (<c>application/x-www-form-urlencoded</c>), the shape SMS.to's opt-out callbacks use:
    /// <c>timestamp=2026-11-27T06%3A14%3A08Z&amp;unsubscribed_number=%2B4917612345678&amp;source=Optout+Link</c>. Receivers
    /// written for SMS.to (<c>$_POST['unsubscribed_number']</c>) work unchanged. Signed like the others.
    /// </summary>
    FormEncoded = 3,
}
