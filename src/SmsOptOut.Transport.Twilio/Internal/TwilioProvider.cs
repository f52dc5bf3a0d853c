using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Twilio.Internal;

/// <summary>Twilio as an SmsOptOut provider: its transport and its webhooks. Twilio keeps its own STOP list and has no API to push ours to it.</summary>
internal sealed class TwilioProvider(TwilioSmsTransport transport, TwilioInboundReader inbound) : ISmsProvider
{
    public string Name => TwilioInbound.ProviderName;

    public ISmsTransport Transport => transport;

    public IInboundWebhookReader? Inbound => inbound;

    public IProviderConsentSync? ConsentSync => null;
}
