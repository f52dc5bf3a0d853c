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
}
