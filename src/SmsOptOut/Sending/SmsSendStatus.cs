namespace SmsOptOut.Sending;

/// <summary>What a transport knows about a message it was handed.</summary>
public enum SmsSendStatus
{
    /// <summary>The provider accepted the message.</summary>
    Sent = 1,

    /// <summary>The provider refused the message; it was not sent and may be retried later.</summary>
    Failed = 2,

    /// <summary>
    /// It is unknown whether the provider created the message (a timeout or a 5xx after the request was sent). Not
    /// retried automatically, because retrying could send it twice.
    /// </summary>
    FailedUnknown = 3,

    /// <summary>The provider refused the message because the recipient opted out with the carrier (for example Twilio 21610).</summary>
    RecipientOptedOut = 4,
}
