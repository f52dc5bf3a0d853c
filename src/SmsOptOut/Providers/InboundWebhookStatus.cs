namespace SmsOptOut.Providers;

/// <summary>What became of a provider's webhook request.</summary>
public enum InboundWebhookStatus
{
    /// <summary>Verified and read; its messages and consent changes are to be processed (there may be none).</summary>
    Accepted = 1,

    /// <summary>The signature or secret is missing, wrong, expired or replayed (403). Nothing is recorded.</summary>
    Unauthorized = 2,

    /// <summary>Verified, but the body is not what the provider sends (400). Nothing is recorded.</summary>
    Malformed = 3,

    /// <summary>Verified, but no account receives messages at the number (404). Nothing is recorded.</summary>
    UnknownAccount = 4,

    /// <summary>The body's media type is not one the provider sends (415). Nothing is recorded.</summary>
    UnsupportedMediaType = 5,

    /// <summary>
    /// Not verifiable now, but the provider resends it signed when told to try again (503): Vonage's Messages API may send
    /// an unsigned callback "in the rare case of an internal error" and retries on a 5xx. Nothing is recorded.
    /// </summary>
    RetryLater = 6,
}
