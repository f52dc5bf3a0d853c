using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Tests.Fakes;

namespace SmsOptOut.Transport.ConformanceTests.Support;

/// <summary>
/// What the kit needs to know about a provider: how to register it against a local stub of its API, what that API
/// answers, and how the provider signs its webhooks. Implement once per provider package.
/// </summary>
public abstract class ProviderFixture
{
    /// <summary>The provider's name (<c>twilio</c>): its inbound route segment.</summary>
    public abstract string Name { get; }

    /// <summary>What the provider does, deciding which tests apply.</summary>
    public abstract ProviderCapabilities Capabilities { get; }

    /// <summary>The provider's id of a sent message, as <see cref="Sent"/> returns it.</summary>
    public abstract string SentId { get; }

    /// <summary>The provider's error code for an opted-out recipient, when it has one.</summary>
    public virtual string? OptedOutCode => null;

    /// <summary>The stub's answer to a message the provider accepts.</summary>
    public abstract StubAnswer Sent { get; }

    /// <summary>The stub's answer to a message for a recipient who opted out with the provider, when it refuses it at send time.</summary>
    public virtual StubAnswer? OptedOut => null;

    /// <summary>The stub's answer to a message the provider refuses for another reason (an invalid number, say).</summary>
    public abstract StubAnswer Rejected { get; }

    /// <summary>
    /// Registers the provider with its API at <paramref name="api"/>, the given timeout and attempts, and whatever its
    /// webhooks need to verify (keys, secrets, a sender number).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="api">The stub's base address.</param>
    /// <param name="requestTimeout">How long a request may take.</param>
    /// <param name="maxAttempts">Attempts for answers that created nothing.</param>
    public abstract void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts);

    /// <summary>
    /// Gives <paramref name="tenant"/> credentials of its own through <c>UseProviderOptions&lt;TOptions&gt;</c>: another
    /// API credential, and as webhook key the one <see cref="InboundCase.WrongKey"/> signs with, so the tenant's webhooks
    /// verify with that key and not with the static one.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="api">The stub's base address.</param>
    public abstract void UseTenantOptions(ISmsOptOutBuilder builder, AccountId tenant, Uri api);

    /// <summary>The API credential a request to the stub carried (by default its <c>Authorization</c> header).</summary>
    /// <param name="request">A request the stub received.</param>
    /// <returns>The credential.</returns>
    public virtual string? SentCredential(ReceivedRequest request) => (request ?? throw new ArgumentNullException(nameof(request))).Header("authorization");

    /// <summary>
    /// The signature schemes the provider's webhooks may carry (Plivo's V2 and V3, with the subaccount's or the main
    /// account's token; Twilio's auth token and Webhook Rules' shared key), each accepted by the package; the inbound
    /// suites run once per scheme. One name, <c>default</c>, for a provider with one scheme.
    /// </summary>
    public virtual IReadOnlyList<string> Schemes => ["default"];

    /// <summary>
    /// What one of <see cref="Schemes"/> guarantees, when schemes differ (Plivo's V2 signs the URL and the nonce, not the
    /// body): the suites that need a capability run only for the schemes that have it. By default every scheme has the
    /// provider's <see cref="Capabilities"/>.
    /// </summary>
    /// <param name="scheme">One of <see cref="Schemes"/>.</param>
    /// <returns>The scheme's capabilities.</returns>
    public virtual ProviderCapabilities CapabilitiesOf(string scheme) => Capabilities;

    /// <summary>
    /// The status an unsigned request of <paramref name="scheme"/> gets: 403 by default; 503 where the provider documents
    /// unsigned callbacks it resends signed when answered with a 5xx (Vonage's Messages API). Nothing is recorded either way.
    /// </summary>
    /// <param name="scheme">One of <see cref="Schemes"/>.</param>
    /// <returns>The status.</returns>
    public virtual System.Net.HttpStatusCode UnsignedStatus(string scheme) => System.Net.HttpStatusCode.Forbidden;

    /// <summary>The schemes that have <paramref name="capability"/> (every scheme for <see cref="ProviderCapabilities.None"/>).</summary>
    /// <param name="capability">The capability a suite needs.</param>
    /// <returns>The schemes, in order.</returns>
    public IReadOnlyList<string> SchemesWith(ProviderCapabilities capability) => [.. Schemes.Where(s => (CapabilitiesOf(s) & capability) == capability)];

    /// <summary>
    /// For providers that sign a timestamp: how old a genuine webhook's timestamp can be — the provider's documented retry
    /// window where its retries keep the first attempt's timestamp (Vonage: 24 hours), else its signature tolerance. A
    /// webhook signed a minute less than that ago must be accepted.
    /// </summary>
    public virtual TimeSpan AcceptedAge => TimeSpan.FromMinutes(5);

    /// <summary>
    /// A webhook request that, when valid, says <paramref name="person"/> opted out — an inbound STOP to
    /// <paramref name="accountAddress"/>, or the provider's opt-out callback.
    /// </summary>
    /// <param name="signing">How the request is signed.</param>
    /// <param name="url">The public URL it is sent to (what the provider signs).</param>
    /// <param name="person">Who opts out.</param>
    /// <param name="accountAddress">The account's number (or short code) the STOP was sent to.</param>
    /// <param name="id">A unique id for the provider's message or event.</param>
    /// <param name="now">The host's clock.</param>
    /// <param name="scheme">One of <see cref="Schemes"/>; the first when <see langword="null"/>.</param>
    /// <returns>The request, with a path relative to the host.</returns>
    public abstract HttpRequestMessage OptOutWebhook(InboundCase signing, Uri url, PhoneNumber person, SenderAddress accountAddress, string id, DateTimeOffset now,
        string? scheme = null);

    /// <summary>
    /// For <see cref="ProviderCapabilities.InboundMessages"/>: the provider's webhook of a message from
    /// <paramref name="senderField"/> (exactly this text in the sender's field) sent to <paramref name="accountAddress"/>
    /// (written as the provider writes such an address: a short code as its digits, a number with or without <c>+</c>),
    /// signed as <paramref name="signing"/> says.
    /// </summary>
    /// <param name="signing">How the request is signed.</param>
    /// <param name="url">The public URL it is sent to.</param>
    /// <param name="senderField">The sender's field, verbatim.</param>
    /// <param name="accountAddress">The account's receiving address.</param>
    /// <param name="text">The message.</param>
    /// <param name="id">A unique id for the provider's message.</param>
    /// <param name="now">The host's clock.</param>
    /// <param name="scheme">One of <see cref="Schemes"/>; the first when <see langword="null"/>.</param>
    /// <returns>The request, with a path relative to the host.</returns>
    public virtual HttpRequestMessage InboundMessage(InboundCase signing, Uri url, string senderField, SenderAddress accountAddress, string text, string id, DateTimeOffset now,
        string? scheme = null) => throw new NotSupportedException($"{Name} declares {nameof(ProviderCapabilities.InboundMessages)} but does not build inbound messages.");
}
