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
        : this(sender, contactRequired: false)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="sender">The name the message was expected to contain.</param>
    /// <param name="contactRequired">Whether the compliance profiles also require contact details in the message.</param>
    public SenderIdentificationRequiredException(string sender, bool contactRequired)
        : base((contactRequired
                   ? $"The message does not identify its sender: it does not contain both \"{sender}\" and the sender's contact details (SenderIdentity.Contact or IdentificationText), "
                   : $"The message does not identify its sender: it does not contain \"{sender}\", ") +
               "and no SenderIdentity.IdentificationText is configured to append. Name the sender and give a telephone number or address in the message, or configure the identification text " +
               "(US: 47 CFR 64.1200(d)(4); Canada: CASL s. 6(2); EU/UK: ePrivacy Art. 13(4), PECR reg. 23). " +
               "SmsOptOutOptions.Sending.SenderIdentificationPolicy is Enforce, so nothing was sent.")
    {
        Sender = sender;
        ContactRequired = contactRequired;
    }

    /// <summary>Whether the compliance profiles also required contact details.</summary>
    public bool ContactRequired { get; }

    /// <summary>The name the message was expected to contain.</summary>
    public string Sender { get; }
}
