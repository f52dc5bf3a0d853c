using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.Transport.Twilio;
using SmsOptOut.Transport.Twilio.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends SmsOptOut messages through Twilio.</summary>
public static class TwilioBuilderExtensions
{
    /// <summary>
    /// Registers Twilio as the <c>ISmsTransport</c>, with options bound from configuration: <c>AccountSid</c>,
    /// <c>AuthToken</c>, <c>WebhookSharedKeys</c> (<c>WebhookSharedKeys:&lt;id&gt;</c> = secret), <c>From</c>,
    /// <c>MessagingServiceSid</c>, <c>StatusCallbackUrl</c>, <c>ReplyWithTwiml</c>, <c>BaseAddress</c>, <c>RequestTimeout</c>,
    /// <c>MaxAttempts</c>, <c>MaxRetryDelay</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">The configuration section, for example <c>builder.Configuration.GetSection("SmsOptOut:Twilio")</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddTwilio(this ISmsOptOutBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddTwilio(o => configuration.Bind(o));
    }

    /// <summary>
    /// Registers Twilio as a provider: its transport sends the messages of the accounts it is chosen for (all of them,
    /// when it is the only provider), and <c>MapSmsOptOut()</c> maps its webhooks at <c>{InboundPrefix}/twilio</c>.
    /// Options are validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the credentials and sender.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddTwilio(this ISmsOptOutBuilder builder, Action<TwilioOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.TryAddSingleton<TwilioSmsTransport>();
        services.TryAddSingleton<TwilioInboundReader>();
        return builder.AddSmsProvider<TwilioProvider, TwilioOptions, TwilioOptionsValidator>(TwilioInbound.ProviderName, TwilioSmsTransport.HttpClientName, configure, static (section, o) => section.Bind(o));
    }
}
