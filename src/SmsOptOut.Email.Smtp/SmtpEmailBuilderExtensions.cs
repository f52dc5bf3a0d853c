using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
            .Configure(configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpEmailOptions>, SmtpEmailOptionsValidator>());
        builder.Services.AddSingleton<IEmailSender, MailKitEmailSender>();
        return builder;
    }
}
