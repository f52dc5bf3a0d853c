using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Plivo.Internal;

namespace SmsOptOut.Transport.Plivo.Tests;

/// <summary>
/// Plivo for the provider kit: its Message API as documented, a subaccount whose main account has its own token, and its
/// message webhooks signed in each scheme Plivo uses — V2 and V3, with the subaccount's token and with the main account's.
/// </summary>
public sealed class PlivoFixture : ProviderFixture
{
    /// <summary>A subaccount's Auth ID.</summary>
    public const string AuthId = "SAMJZHNDI4ZTCZYTC1OD";

    /// <summary>The subaccount's Auth Token: it signs <c>X-Plivo-Signature-V2</c> and <c>-V3</c>.</summary>
    public const string AuthToken = "MjYzZjA5ZDcwYjM5ZmM3ZTRlYmM2NmQ1";

    /// <summary>Its main account's Auth Token: it signs <c>X-Plivo-Signature-Ma-V2</c> and <c>-Ma-V3</c>.</summary>
    public const string MainAccountAuthToken = "ZDFhOTVlNzE4NmQxMzQ4OGM2YmY0ZjkwMmI0ZjBj";

    /// <summary>What <see cref="InboundCase.WrongKey"/> signs with, in every scheme: the tenant's token in <see cref="UseTenantOptions"/>.</summary>
    public const string OtherToken = "not-the-auth-token";

    public override string Name => "plivo";

    public override ProviderCapabilities Capabilities => ProviderCapabilities.SignedBody | ProviderCapabilities.ReplayGuard | ProviderCapabilities.InboundMessages;

    /// <summary>
    /// V2 first: Plivo's messaging pages name V2 for message webhooks (https://docs.plivo.com/docs/messaging/concepts/signature-validation),
    /// its voice pages V3 (https://docs.plivo.com/docs/voice/xml/request/validation).
    /// </summary>
    public override IReadOnlyList<string> Schemes => ["v2", "ma-v2", "v3", "ma-v3"];

    public override string SentId => "db3ce55a-7f1d-11e1-8ea7-1231380bc196";

    public override StubAnswer Sent => new(202, $"{{\"api_id\":\"db342550-7f1d-11e1-8ea7-1231380bc196\",\"message\":\"message(s) queued\",\"message_uuid\":[\"{SentId}\"]}}");

    public override StubAnswer Rejected => new(400, "{\"api_id\":\"db342550-7f1d-11e1-8ea7-1231380bc197\",\"error\":\"dst parameter not in E.164 format\"}");

    /// <summary>Whether <paramref name="scheme"/>'s signature covers the body (V3 does; V2 signs the URL and the nonce only).</summary>
    public static bool SignsBody(string scheme) => PlivoSignatureScheme.Named(scheme).SignsBody;

    public override ProviderCapabilities CapabilitiesOf(string scheme) => SignsBody(scheme) ? Capabilities : Capabilities & ~ProviderCapabilities.SignedBody;

    public override void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts) =>
        builder.AddPlivo(o =>
        {
            o.AuthId = AuthId;
            o.AuthToken = AuthToken;
            o.MainAccountAuthToken = MainAccountAuthToken;
            o.From = "+18005550100";
            o.BaseAddress = api;
            o.RequestTimeout = requestTimeout;
            o.MaxAttempts = maxAttempts;
        });

    /// <summary>The tenant is a main account of its own: every scheme verifies with its one token, <see cref="OtherToken"/>.</summary>
    public override void UseTenantOptions(ISmsOptOutBuilder builder, AccountId tenant, Uri api) =>
        builder.UseProviderOptions<PlivoOptions>((account, _) => ValueTask.FromResult(account == tenant
            ? new PlivoOptions { AuthId = "MAODUZYTQ0Y2FMYJBLOW", AuthToken = OtherToken, From = "+18005550100", BaseAddress = api }
            : null));

    public override HttpRequestMessage OptOutWebhook(InboundCase signing, Uri url, PhoneNumber person, SenderAddress accountAddress, string id, DateTimeOffset now,
        string? scheme = null) =>
        InboundMessage(signing, url, person.ToString()[1..], accountAddress, "STOP", id, now, scheme);

    public override HttpRequestMessage InboundMessage(InboundCase signing, Uri url, string senderField, SenderAddress accountAddress, string text, string id,
        DateTimeOffset now, string? scheme = null) =>
        Webhook(signing, url, new Dictionary<string, string>
        {
            ["From"] = senderField, ["To"] = accountAddress.ToProviderString(), ["Text"] = text, ["Type"] = "sms", ["MessageUUID"] = "uuid-" + id,
            ["Units"] = "1", ["TotalRate"] = "0.00000", ["TotalAmount"] = "0.00000",
        }, "nonce-" + id, scheme);

    /// <summary>
    /// Signs <paramref name="form"/> as Plivo does in <paramref name="scheme"/> (the first of <see cref="Schemes"/> when
    /// <see langword="null"/>), or breaks the signature as <paramref name="signing"/> says, and posts it to
    /// <paramref name="url"/>'s path. The request carries that scheme's signature header and nonce only.
    /// </summary>
    public static HttpRequestMessage Webhook(InboundCase signing, Uri url, Dictionary<string, string> form, string nonce, string? scheme = null)
    {
        var signer = PlivoSignatureScheme.Named(scheme ?? "v2");
        var key = signing == InboundCase.WrongKey ? OtherToken : signer.MainAccount ? MainAccountAuthToken : AuthToken;
        var signature = signer.Compute("POST", url.ToString(), form, nonce, key);
        var sent = new Dictionary<string, string>(form);
        if (signing == InboundCase.TamperedBody)
        {
            sent["Text"] = "HELLO";
        }

        var request = new HttpRequestMessage(HttpMethod.Post, url.PathAndQuery) { Content = new FormUrlEncodedContent(sent) };
        if (signing != InboundCase.NoSignature)
        {
            request.Headers.Add(signer.SignatureHeader, signature);
            request.Headers.Add(signer.NonceHeader, nonce);
        }

        return request;
    }
}

public sealed class PlivoTransportTests : ProviderTransportTests<PlivoFixture>;

public sealed class PlivoInboundTests : ProviderInboundTests<PlivoFixture>;

/// <summary>
/// The kit's tampered-body test runs for V3 and Ma-V3 only: V2 signs the URL and the nonce, not the body
/// (https://docs.plivo.com/docs/messaging/concepts/signature-validation), which the fixture says per scheme
/// (<see cref="PlivoFixture.CapabilitiesOf"/>); <see cref="PlivoTests.A_V2_signature_does_not_cover_the_body_so_a_changed_copy_is_refused_only_as_a_replay"/>
/// shows what does hold for V2.
/// </summary>
public sealed class PlivoSignedBodyTests : ProviderSignedBodyTests<PlivoFixture>;

public sealed class PlivoSuiteGuard : ProviderSuiteGuard<PlivoFixture>;

public sealed class PlivoTenantTests : ProviderTenantTests<PlivoFixture>;

public sealed class PlivoAddressTests : ProviderAddressTests<PlivoFixture>;

public sealed class PlivoReplayTests : ProviderReplayTests<PlivoFixture>;
