using Microsoft.Extensions.Options;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>SMS.to as an SmsOptOut provider: its transport, its opt-out and status callbacks, and the push of our consent changes to its opt-out list.</summary>
internal sealed class SmsToProvider(SmsToSmsTransport transport, SmsToInboundReader inbound, SmsToConsentSync sync, IOptions<SmsToOptions> options) : ISmsProvider
{
    public const string ProviderName = "smsto";

    public string Name => ProviderName;

    public ISmsTransport Transport => transport;

    public IInboundWebhookReader? Inbound => inbound;

    public IProviderConsentSync? ConsentSync => options.Value.PushConsentChanges ? sync : null;
}
