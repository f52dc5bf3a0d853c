namespace SmsOptOut.Webhooks;

/// <summary>The outcome of verifying a received webhook.</summary>
public enum WebhookVerificationResult
{
    /// <summary>The signature matches one of the secrets and the timestamp is within the tolerance.</summary>
    Valid = 0,

    /// <summary>A <c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> header is missing or empty.</summary>
    MissingHeader,

    /// <summary>The timestamp is not a number of seconds since the Unix epoch.</summary>
    InvalidTimestamp,

    /// <summary>The timestamp is further than the tolerance from now (a replay, or a clock far off).</summary>
    TimestampOutOfTolerance,

    /// <summary>No <c>v1</c> signature matches any of the secrets.</summary>
    InvalidSignature,
}
