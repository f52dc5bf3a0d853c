using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Plivo.Internal;

/// <summary>
/// Plivo as an SmsOptOut provider: its transport and its signed message webhooks. Plivo keeps its own STOP list and
/// offers no API to add to it, so nothing is pushed to it.
/// </summary>
internal sealed class PlivoProvider(PlivoSmsTransport transport, PlivoInboundReader inbound) : ISmsProvider
{
    public const string ProviderName = "plivo";

    /// <summary>The error a message to a recipient who replied STOP fails with (https://support.plivo.com/support/solutions/articles/17000089602).</summary>
    public const string OptedOutError = "200";

    public string Name => ProviderName;

    public ISmsTransport Transport => transport;

    public IInboundWebhookReader? Inbound => inbound;

    public IProviderConsentSync? ConsentSync => null;
}
