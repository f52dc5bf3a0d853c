namespace SmsOptOut.Sending;

/// <summary>How an account's messages identify their sender.</summary>
public sealed class SenderIdentity
{
    /// <summary>
    /// The brand or display name a message must contain to identify the sender (compared ignoring case), such as
    /// <c>Acme</c>. <see langword="null"/>: the account id.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// Appended on a new line to a list message that does not contain <see cref="Name"/>, such as
    /// <c>Acme Ltd, 1 Main St, Toronto. acme.example/contact</c> (CASL asks for a name, a mailing address and a phone
    /// number, e-mail or web address, or a link to a page with them). Counted in the message's segments.
    /// </summary>
    public string? IdentificationText { get; set; }

    /// <summary>
    /// Where recipients get help — a phone number, e-mail or web address, such as <c>acme.example/help</c> — put into
    /// keyword replies by the <c>{contact}</c> placeholder. US carriers (CTIA) reject HELP replies without one.
    /// <see langword="null"/>: none.
    /// </summary>
    public string? Contact { get; set; }
}
