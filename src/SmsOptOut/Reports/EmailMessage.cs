namespace SmsOptOut.Reports;

/// <summary>An email with a plain-text body, an HTML body and attachments.</summary>
/// <param name="To">The recipients' addresses.</param>
/// <param name="Subject">The subject.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body.</param>
public sealed record EmailMessage(IReadOnlyList<string> To, string Subject, string TextBody, string HtmlBody)
{
    /// <summary>Attachments, for example the report's CSV.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}
