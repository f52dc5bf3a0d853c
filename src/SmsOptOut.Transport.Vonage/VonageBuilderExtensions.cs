using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.Transport.Vonage;
using SmsOptOut.Transport.Vonage.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends SmsOptOut messages through Vonage and reads Vonage's messaging webhooks (SMS API and Messages API).</summary>
public static class VonageBuilderExtensions
{
    /// <summary>
    /// Registers Vonage as a provider: its transport sends the messages of the accounts it is chosen for, and
    /// <c>MapSmsOptOut()</c> maps its webhooks at <c>{InboundPrefix}/vonage</c>: the SMS API's inbound messages (STOP and
    /// START) and delivery receipts (err-code 9: the recipient opted out), and the Messages API's inbound SMS. Options are
    /// validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the API key and secret, the sender, and how webhooks are authenticated (the signature secret and method, or a URL secret).</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddVonage(this ISmsOptOutBuilder builder, Action<VonageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.TryAddSingleton<VonageSmsTransport>();
        services.TryAddSingleton<VonageInboundReader>();
        return builder.AddSmsProvider<VonageProvider, VonageOptions, VonageOptionsValidator>(VonageProvider.ProviderName, VonageSmsTransport.HttpClientName, configure, static (section, o) => section.Bind(o));
    }

    /// <summary>
    /// Registers Vonage as a provider with options bound from configuration: <c>ApiKey</c>, <c>ApiSecret</c>,
    /// <c>From</c>, <c>WebhookAuthentication</c>, <c>SignatureSecret</c>, <c>SignatureMethod</c>, <c>SignatureTolerance</c>,
    /// <c>CallbackSecret</c>, <c>StatusCallbackUrl</c>,
    /// <c>RequestTimeout</c>, <c>MaxAttempts</c>, <c>MaxRetryDelay</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">The configuration section, for example <c>builder.Configuration.GetSection("SmsOptOut:Vonage")</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddVonage(this ISmsOptOutBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddVonage(o => configuration.Bind(o));
    }
}
