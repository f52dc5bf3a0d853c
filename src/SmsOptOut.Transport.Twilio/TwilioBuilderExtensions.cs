using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmsOptOut.Sending;
using SmsOptOut.Transport.Twilio;
using SmsOptOut.Transport.Twilio.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends SmsOptOut messages through Twilio.</summary>
public static class TwilioBuilderExtensions
{
    /// <summary>Registers Twilio as the <see cref="ISmsTransport"/>, replacing any other; options are validated at startup.</summary>
    /// <param name="builder">The builder returned by <c>AddSmsOptOut()</c>.</param>
    /// <param name="configure">Sets the credentials and sender.</param>
    /// <returns>The builder.</returns>
    public static ISmsOptOutBuilder UseTwilio(this ISmsOptOutBuilder builder, Action<TwilioOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<TwilioOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>());
        services.AddHttpClient(TwilioSmsTransport.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.RemoveAll<ISmsTransport>();
        services.AddSingleton<ISmsTransport, TwilioSmsTransport>();
        return builder;
    }
}
