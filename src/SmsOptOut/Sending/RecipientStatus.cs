namespace SmsOptOut.Sending;

/// <summary>What happened to one recipient of a send.</summary>
public enum RecipientStatus
{
    /// <summary>The provider accepted the message.</summary>
    Sent = 1,

    /// <summary>The number is opted out (account-wide, for the list, or for the sending number); nothing was sent.</summary>
    Suppressed = 2,

    /// <summary>The text is not a possible phone number; <see cref="RecipientOutcome.Error"/> says why.</summary>
    Invalid = 3,

    /// <summary>The number already appeared earlier in the list (in any format); it is sent once.</summary>
    Duplicate = 4,

    /// <summary>The provider refused the message; it was not sent.</summary>
    Failed = 5,

    /// <summary>It is unknown whether the provider sent the message (timeout or server error after sending); not retried.</summary>
    FailedUnknown = 6,

    /// <summary>The provider refused because the recipient opted out with the carrier; the opt-out is now recorded (source ProviderError).</summary>
    OptedOutAtProvider = 7,

    /// <summary>
    /// The number is on a Do-Not-Call registry set of the account (or of every account) and the list is marketing
    /// (no <see cref="ListSendRequest.DoNotCallExemption"/>); nothing was sent.
    /// </summary>
    DoNotCallRegistry = 8,

    /// <summary>Outside the recipient's allowed hours (<c>SmsOptOutOptions.Sending.QuietHours</c>): not sent; <see cref="RecipientOutcome.NotBefore"/> says when it may be.</summary>
    Deferred = 9,

    /// <summary>The number lacks the consent the list requires (<see cref="ListSendRequest.Consent"/>): no opt-in, or no confirmed double opt-in; nothing was sent.</summary>
    NoConsent = 10,

    /// <summary>The recipient already got as many list messages as a frequency cap allows in its window (<c>SmsOptOutOptions.Sending.FrequencyCaps</c>); nothing was sent.</summary>
    FrequencyCapped = 11,
}
