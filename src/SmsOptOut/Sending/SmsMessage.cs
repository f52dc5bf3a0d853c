using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending;

/// <summary>One outbound SMS, handed to an <see cref="ISmsTransport"/>.</summary>
/// <param name="To">The recipient.</param>
/// <param name="Body">The text, rendered and final.</param>
public sealed record SmsMessage(PhoneNumber To, string Body)
{
    /// <summary>
    /// The sending address (a phone number, short code or alphanumeric sender ID); <see langword="null"/> lets the
    /// transport use its configured sender. A transport that cannot send from its kind fails the message with a reason.
    /// </summary>
    public SenderAddress? From { get; init; }

    /// <summary>The account the message is sent for, when the transport needs it (for example to pick credentials).</summary>
    public AccountId? Account { get; init; }
}
