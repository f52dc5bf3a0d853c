using Microsoft.Extensions.Options;
using MimeKit;

namespace SmsOptOut.Email.Smtp.Internal;

/// <summary>Checks <see cref="SmtpEmailOptions"/> at startup: one message per property, naming the fix.</summary>
internal sealed class SmtpEmailOptionsValidator : IValidateOptions<SmtpEmailOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpEmailOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("SmtpEmailOptions.Host is empty; expected the SMTP server's host name, such as smtp.example.com.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"SmtpEmailOptions.Port {options.Port} must be 1 to 65535 (587 for submission with STARTTLS, 465 for TLS).");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"SmtpEmailOptions.Security {(int)options.Security} is not a defined SmtpSecurity value.");
        }

        if (!MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add($"SmtpEmailOptions.From '{options.From}' must be an email address, such as reports@example.com.");
        }

        if (options.UserName is not null && options.Password is null)
        {
            failures.Add("SmtpEmailOptions.Password is missing; a UserName is set, so the server expects its password.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"SmtpEmailOptions.Timeout {options.Timeout} must be positive, such as 60 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
