using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Telnyx.Internal;

/// <summary>
/// Telnyx as an SmsOptOut provider: its transport, its signed messaging webhooks and its list of opt-outs, read by
/// reconciliation. Telnyx keeps its STOP block rules per messaging profile and has no API to add one, so nothing is
/// pushed to it.
/// </summary>
internal sealed class TelnyxProvider(TelnyxSmsTransport transport, TelnyxInboundReader inbound, TelnyxOptOutSource optOuts) : ISmsProvider
{
    public const string ProviderName = "telnyx";

    /// <summary>The error a STOP block rule refuses a message with, at send time and in <c>message.finalized</c>.</summary>
    public const string BlockedByStop = "40300";

    public string Name => ProviderName;

    public ISmsTransport Transport => transport;

    public IInboundWebhookReader? Inbound => inbound;

    public IProviderConsentSync? ConsentSync => null;

    public IProviderOptOutSource? OptOutSource => optOuts;
}
