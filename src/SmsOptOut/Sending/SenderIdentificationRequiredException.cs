namespace SmsOptOut.Sending;

/// <summary>
/// Thrown by a list send under <see cref="SenderIdentificationPolicy.Enforce"/> when the message does not name its
/// sender and the account has no identification text to append; nothing was sent.
/// </summary>
public sealed class SenderIdentificationRequiredException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sender">The name the message was expected to contain.</param>
    public SenderIdentificationRequiredException(string sender)
        : base($"The list message does not identify its sender: it does not contain \"{sender}\" and no SenderIdentity.IdentificationText is configured " +
               "to append. Name the sender in the message or configure the identification text (CASL s. 6(2): name and contact details). " +
               "SmsOptOutOptions.Sending.SenderIdentificationPolicy is Enforce, so nothing was sent.")
    {
        Sender = sender;
    }

    /// <summary>The name the message was expected to contain.</summary>
    public string Sender { get; }
}
