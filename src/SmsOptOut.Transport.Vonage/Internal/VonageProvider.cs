using SmsOptOut.Providers;
using SmsOptOut.Sending;

namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// Vonage (SMS API) as an SmsOptOut provider: its transport and its signed webhooks. Vonage's SMS API offers no call to
/// add a number to its opt-out list, so nothing is pushed to it.
/// </summary>
internal sealed class VonageProvider(VonageSmsTransport transport, VonageInboundReader inbound) : ISmsProvider
{
    public const string ProviderName = "vonage";

    /// <summary>The send status for a number Vonage will not message: "Number Barred. The number you are trying to send messages to is blacklisted and may not receive them." (https://developer.vonage.com/en/api-errors/sms).</summary>
    public const string NumberBarred = "7";

    /// <summary>The delivery receipt's <c>err-code</c> for a recipient who asked not to receive messages from the sender (https://developer.vonage.com/en/opt-out-assist/guides/messaging-opted-out-numbers).</summary>
    public const string OptedOutReceipt = "9";

    public string Name => ProviderName;

    public ISmsTransport Transport => transport;

    public IInboundWebhookReader? Inbound => inbound;

    public IProviderConsentSync? ConsentSync => null;
}
