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
    /// A webhook request that, when valid, says <paramref name="person"/> opted out — an inbound STOP to
    /// <paramref name="accountNumber"/>, or the provider's opt-out callback.
    /// </summary>
    /// <param name="signing">How the request is signed.</param>
    /// <param name="url">The public URL it is sent to (what the provider signs).</param>
    /// <param name="person">Who opts out.</param>
    /// <param name="accountNumber">The account's number.</param>
    /// <param name="id">A unique id for the provider's message or event.</param>
    /// <param name="now">The host's clock.</param>
    /// <returns>The request, with a path relative to the host.</returns>
    public abstract HttpRequestMessage OptOutWebhook(InboundCase signing, Uri url, PhoneNumber person, PhoneNumber accountNumber, string id, DateTimeOffset now);
}
