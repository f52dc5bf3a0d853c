using SmsOptOut.Sending;

namespace SmsOptOut.Providers;

/// <summary>
/// An SMS provider plugged into SmsOptOut: its name, the transport that sends through it, and — where the provider has
/// them — the reader of its webhooks (inbound messages, delivery reports, opt-out callbacks) and the push of our consent
/// changes to its own opt-out list. Each <c>SmsOptOut.Transport.&lt;Provider&gt;</c> package registers one with
/// <c>AddSmsProvider</c>; <c>MapSmsOptOut()</c> maps an inbound endpoint for every registered provider that reads webhooks.
/// </summary>
public interface ISmsProvider
{
    /// <summary>The provider's name: lower case, URL-safe, unique (<c>twilio</c>, <c>smsto</c>); the inbound route segment.</summary>
    string Name { get; }

    /// <summary>Sends messages through the provider.</summary>
    ISmsTransport Transport { get; }

    /// <summary>Verifies and reads the provider's webhooks, or <see langword="null"/> when it sends none SmsOptOut reads.</summary>
    IInboundWebhookReader? Inbound { get; }

    /// <summary>Pushes opt-outs and opt-ins recorded here to the provider's own opt-out list, or <see langword="null"/> when it has no such API.</summary>
    IProviderConsentSync? ConsentSync { get; }

    /// <summary>Lists the opt-outs the provider holds, for reconciliation; <see langword="null"/> (the default) when it has no such API.</summary>
    IProviderOptOutSource? OptOutSource => null;
}
