using Microsoft.Extensions.Options;
using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>
/// SMS.to as an SmsOptOut provider: its transport, its callbacks, the push of our consent changes to its opt-out list,
/// and its recent opt-outs, read by reconciliation.
/// </summary>
internal sealed class SmsToProvider(SmsToSmsTransport transport, SmsToInboundReader inbound, SmsToConsentSync sync, SmsToOptOutSource optOuts, IOptions<SmsToOptions> options)
    : ISmsProvider
{
    public const string ProviderName = "smsto";

    public string Name => ProviderName;

    public ISmsTransport Transport => transport;

    public IInboundWebhookReader? Inbound => inbound;

    public IProviderConsentSync? ConsentSync => options.Value.PushConsentChanges ? sync : null;

    public IProviderOptOutSource? OptOutSource => optOuts;
}
