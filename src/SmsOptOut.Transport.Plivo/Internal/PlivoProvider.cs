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

    /// <summary>
    /// How long after its first attempt Plivo may still send a webhook: three retries, 60, 120 and 240 seconds apart
    /// (https://support.plivo.com/hc/en-us/articles/360041344652, "Will Plivo retry callbacks if the message_url is not
    /// reachable?"). A webhook's nonce is remembered at least this long.
    /// </summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(60 + 120 + 240);

    public string Name => ProviderName;

    public ISmsTransport Transport => transport;

    public IInboundWebhookReader? Inbound => inbound;

    public IProviderConsentSync? ConsentSync => null;
}
