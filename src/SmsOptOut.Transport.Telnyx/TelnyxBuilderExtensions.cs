using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.Transport.Telnyx;
using SmsOptOut.Transport.Telnyx.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends SmsOptOut messages through Telnyx and reads Telnyx's signed messaging webhooks.</summary>
public static class TelnyxBuilderExtensions
{
    /// <summary>
    /// Registers Telnyx as a provider: its transport sends the messages of the accounts it is chosen for, and
    /// <c>MapSmsOptOut()</c> maps its messaging webhooks at <c>{InboundPrefix}/telnyx</c> (inbound STOP and START, and
    /// STOP blocks reported in <c>message.finalized</c>). Options are validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the API key, sender and public key.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddTelnyx(this ISmsOptOutBuilder builder, Action<TelnyxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.TryAddSingleton<TelnyxSmsTransport>();
        services.TryAddSingleton<TelnyxInboundReader>();
        services.TryAddSingleton<TelnyxOptOutSource>();
        return builder.AddSmsProvider<TelnyxProvider, TelnyxOptions, TelnyxOptionsValidator>(TelnyxProvider.ProviderName, TelnyxSmsTransport.HttpClientName, configure, static (section, o) => section.Bind(o));
    }

    /// <summary>
    /// Registers Telnyx as a provider with options bound from configuration: <c>ApiKey</c>, <c>From</c>,
    /// <c>MessagingProfileId</c>, <c>PublicKey</c>, <c>SignatureTolerance</c>, <c>WebhookUrl</c>, <c>RequestTimeout</c>,
    /// <c>MaxAttempts</c>, <c>MaxRetryDelay</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">The configuration section, for example <c>builder.Configuration.GetSection("SmsOptOut:Telnyx")</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddTelnyx(this ISmsOptOutBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddTelnyx(o => configuration.Bind(o));
    }
}
