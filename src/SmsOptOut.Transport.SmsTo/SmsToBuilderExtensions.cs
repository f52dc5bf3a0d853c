using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.Transport.SmsTo;
using SmsOptOut.Transport.SmsTo.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends SmsOptOut messages through SMS.to and keeps SMS.to's opt-out list and SmsOptOut's in agreement.</summary>
public static class SmsToBuilderExtensions
{
    /// <summary>
    /// Registers SMS.to as a provider: its transport sends the messages of the accounts it is chosen for, <c>MapSmsOptOut()</c>
    /// maps its callbacks — inbound messages to rented numbers, opt-outs and status reports — at <c>{InboundPrefix}/smsto</c>
    /// (signed with <c>X-SMSTo-Signature</c>, or carrying <c>?secret=…</c>), and consent changes recorded here are pushed to
    /// SMS.to's opt-out list. Options are validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the API key, sender and webhook secrets.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddSmsTo(this ISmsOptOutBuilder builder, Action<SmsToOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.TryAddSingleton<SmsToSmsTransport>();
        services.TryAddSingleton<SmsToInboundReader>();
        services.TryAddSingleton<SmsToConsentSync>();
        services.TryAddSingleton<SmsToOptOutSource>();
        return builder.AddSmsProvider<SmsToProvider, SmsToOptions, SmsToOptionsValidator>(SmsToProvider.ProviderName, SmsToSmsTransport.HttpClientName, configure, static (section, o) => section.Bind(o));
    }

    /// <summary>
    /// Registers SMS.to as a provider with options bound from configuration: <c>ApiKey</c>, <c>SenderId</c>,
    /// <c>CallbackSecret</c>, <c>WebhookSigningSecrets</c>, <c>WebhookSignatureTolerance</c>, <c>AcceptUrlSecretWithoutSignature</c>,
    /// <c>StatusCallbackUrl</c>, <c>PushConsentChanges</c>, <c>RequestTimeout</c>, <c>MaxAttempts</c>, <c>MaxRetryDelay</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configuration">The configuration section, for example <c>builder.Configuration.GetSection("SmsOptOut:SmsTo")</c>.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder AddSmsTo(this ISmsOptOutBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddSmsTo(o => configuration.Bind(o));
    }
}
