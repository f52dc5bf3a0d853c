using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SmsOptOut.Reports;

namespace SmsOptOut.Email.Smtp.Internal;

/// <summary>One SMTP connection per message (reports are rare; MailKit's client is not thread-safe).</summary>
internal sealed class MailKitEmailSender(IOptions<SmtpEmailOptions> options, TimeProvider time, ILogger<MailKitEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.To.Count == 0)
        {
            throw new ArgumentException("The email has no recipient.", nameof(message));
        }

        var o = options.Value;
        var mime = new MimeMessage { Subject = message.Subject };
        mime.From.Add(new MailboxAddress(o.FromName, o.From));
        foreach (var to in message.To)
        {
            mime.To.Add(MailboxAddress.TryParse(to, out var address)
                ? address
                : throw new ArgumentException($"'{to}' is not an email address.", nameof(message)));
        }

        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments)
        {
            await body.Attachments.AddAsync(attachment.FileName, new MemoryStream(attachment.Content.ToArray()), ContentType.Parse(attachment.ContentType), cancellationToken)
                .ConfigureAwait(false);
        }

        mime.Body = body.ToMessageBody();
        using var deadline = new CancellationTokenSource(o.Timeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(o.Host, o.Port, Security(o.Security), timeout.Token).ConfigureAwait(false);
            if (o.UserName is not null)
            {
                await client.AuthenticateAsync(o.UserName, o.Password ?? string.Empty, timeout.Token).ConfigureAwait(false);
            }

            await client.SendAsync(mime, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, e, message.Subject, o.Host, o.Port);
            throw;
        }

        Log.Sent(logger, message.Subject, message.To.Count, o.Host, o.Port);
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };
}
