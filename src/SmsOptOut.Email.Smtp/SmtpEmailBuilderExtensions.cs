using Microsoft.Extensions.Configuration;
using MimeKit;
using SmsOptOut.Email.Smtp;
using SmsOptOut.Email.Smtp.Internal;
using SmsOptOut.Reports;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends SmsOptOut's report emails over SMTP.</summary>
public static class SmtpEmailBuilderExtensions
{
    /// <summary>
    /// Registers an <see cref="IEmailSender"/> that sends over SMTP with MailKit, with options bound from configuration:
    /// <c>Host</c>, <c>Port</c>, <c>Security</c>, <c>UserName</c>, <c>Password</c>, <c>From</c>, <c>FromName</c>, <c>Timeout</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">The configuration section, for example <c>builder.Configuration.GetSection("SmsOptOut:Smtp")</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseSmtpEmail(this ISmsOptOutBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.UseSmtpEmail(o => configuration.Bind(o));
    }

    /// <summary>Registers an <see cref="IEmailSender"/> that sends over SMTP with MailKit.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the server, credentials and sender.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseSmtpEmail(this ISmsOptOutBuilder builder, Action<SmtpEmailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptionsWithValidateOnStart<SmtpEmailOptions>()
            .Configure(configure)
            .Validate(static o => !string.IsNullOrWhiteSpace(o.Host), "SmtpEmailOptions.Host is required (the SMTP server's host name).")
            .Validate(static o => o.Port is > 0 and < 65536, "SmtpEmailOptions.Port must be 1 to 65535.")
            .Validate(static o => MailboxAddress.TryParse(o.From, out _), "SmtpEmailOptions.From must be an email address, for example reports@example.com.")
            .Validate(static o => o.UserName is null || o.Password is not null, "SmtpEmailOptions.Password is required with a UserName.")
            .Validate(static o => o.Timeout > TimeSpan.Zero, "SmtpEmailOptions.Timeout must be positive.");
        builder.Services.AddSingleton<IEmailSender, MailKitEmailSender>();
        return builder;
    }
}
