namespace SmsOptOut.Transport.ConformanceTests.Support;

/// <summary>What a provider does, deciding which tests of the kit apply to it.</summary>
[Flags]
public enum ProviderCapabilities
{
    /// <summary>Only the transport's send discipline.</summary>
    None = 0,

    /// <summary>The send API refuses an opted-out recipient with an error code (Twilio 21610, Telnyx 40300, Vonage 7).</summary>
    SynchronousOptOutError = 1,

    /// <summary>The provider's webhooks carry a signed timestamp, so an old one is refused.</summary>
    SignedTimestamp = 2,

    /// <summary>The provider's webhooks carry a one-time value, so a replayed one is refused.</summary>
    ReplayGuard = 4,

    /// <summary>The provider's signature covers the body, so a changed body is refused (SMS.to's URL secret does not).</summary>
    SignedBody = 8,

    /// <summary>
    /// The provider delivers messages people send to the account's numbers (<see cref="ProviderFixture.InboundMessage"/>),
    /// so a STOP to a long code, a toll-free number or a short code is read whatever shape the receiving address has.
    /// </summary>
    InboundMessages = 16,
}
