namespace SmsOptOut.Reports;

/// <summary>Sends an email. <c>SmsOptOut.Email.Smtp</c> sends over SMTP with MailKit; implement it for an email API.</summary>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="message"/>; throws when it was not accepted.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the message was handed over.</returns>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
