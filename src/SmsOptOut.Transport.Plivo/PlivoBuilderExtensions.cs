using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.Transport.Plivo;
using SmsOptOut.Transport.Plivo.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends SmsOptOut messages through Plivo and reads Plivo's signed messaging webhooks.</summary>
public static class PlivoBuilderExtensions
{
    /// <summary>
    /// Registers Plivo as a provider: its transport sends the messages of the accounts it is chosen for, and
    /// <c>MapSmsOptOut()</c> maps its messaging webhooks at <c>{InboundPrefix}/plivo</c> (incoming STOP and START, and
    /// status callbacks whose error 200 says the recipient replied STOP). Options are validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the Auth ID, Auth Token (and, for a subaccount, the main account's Auth Token) and sender.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddPlivo(this ISmsOptOutBuilder builder, Action<PlivoOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.TryAddSingleton<PlivoSmsTransport>();
        services.TryAddSingleton<PlivoInboundReader>();
        return builder.AddSmsProvider<PlivoProvider, PlivoOptions, PlivoOptionsValidator>(PlivoProvider.ProviderName, PlivoSmsTransport.HttpClientName, configure, static (section, o) => section.Bind(o));
    }

    /// <summary>
    /// Registers Plivo as a provider with options bound from configuration: <c>AuthId</c>, <c>AuthToken</c>,
    /// <c>MainAccountAuthToken</c> (a subaccount's main account), <c>From</c>, <c>PowerpackUuid</c>, <c>StatusCallbackUrl</c>, <c>ReplayWindow</c>, <c>RequestTimeout</c>,
    /// <c>MaxAttempts</c>, <c>MaxRetryDelay</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">The configuration section, for example <c>builder.Configuration.GetSection("SmsOptOut:Plivo")</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddPlivo(this ISmsOptOutBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddPlivo(o => configuration.Bind(o));
    }
}
