using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Plivo.Internal;

namespace SmsOptOut.Transport.Plivo.Tests;

/// <summary>Plivo for the provider kit: its Message API as documented, its message webhook signed with V3.</summary>
public sealed class PlivoFixture : ProviderFixture
{
    public const string AuthId = "MAODUZYTQ0Y2FMYJBLOW";
    public const string AuthToken = "MjYzZjA5ZDcwYjM5ZmM3ZTRlYmM2NmQ1";

    public override string Name => "plivo";

    public override ProviderCapabilities Capabilities => ProviderCapabilities.SignedBody | ProviderCapabilities.ReplayGuard | ProviderCapabilities.InboundMessages;

    public override string SentId => "db3ce55a-7f1d-11e1-8ea7-1231380bc196";

    public override StubAnswer Sent => new(202, $"{{\"api_id\":\"db342550-7f1d-11e1-8ea7-1231380bc196\",\"message\":\"message(s) queued\",\"message_uuid\":[\"{SentId}\"]}}");

    public override StubAnswer Rejected => new(400, "{\"api_id\":\"db342550-7f1d-11e1-8ea7-1231380bc197\",\"error\":\"dst parameter not in E.164 format\"}");

    public override void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts) =>
        builder.UsePlivo(o =>
        {
            o.AuthId = AuthId;
            o.AuthToken = AuthToken;
            o.From = "+18005550100";
            o.BaseAddress = api;
            o.RequestTimeout = requestTimeout;
            o.MaxAttempts = maxAttempts;
        });

    public override void UseTenantOptions(ISmsOptOutBuilder builder, AccountId tenant, Uri api) =>
        builder.UseProviderOptions<PlivoOptions>((account, _) => ValueTask.FromResult(account == tenant
            ? new PlivoOptions { AuthId = "SAODUZYTQ0Y2FMYJBLOW", AuthToken = "not-the-auth-token", From = "+18005550100", BaseAddress = api }
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
        }, "nonce-" + id);

    /// <summary>Signs <paramref name="form"/> as Plivo does (or breaks the signature as <paramref name="signing"/> says) and posts it to <paramref name="url"/>'s path.</summary>
    public static HttpRequestMessage Webhook(InboundCase signing, Uri url, Dictionary<string, string> form, string nonce)
    {
        var signature = PlivoSignature.Compute("POST", url.ToString(), form, nonce, signing == InboundCase.WrongKey ? "not-the-auth-token" : AuthToken);
        var sent = new Dictionary<string, string>(form);
        if (signing == InboundCase.TamperedBody)
        {
            sent["Text"] = "HELLO";
        }

        var request = new HttpRequestMessage(HttpMethod.Post, url.PathAndQuery) { Content = new FormUrlEncodedContent(sent) };
        if (signing != InboundCase.NoSignature)
        {
            request.Headers.Add(PlivoSignature.SignatureHeader, signature);
            request.Headers.Add(PlivoSignature.NonceHeader, nonce);
        }

        return request;
    }
}

public sealed class PlivoTransportTests : ProviderTransportTests<PlivoFixture>;

public sealed class PlivoInboundTests : ProviderInboundTests<PlivoFixture>;

public sealed class PlivoSignedBodyTests : ProviderSignedBodyTests<PlivoFixture>;

public sealed class PlivoSuiteGuard : ProviderSuiteGuard<PlivoFixture>;

public sealed class PlivoTenantTests : ProviderTenantTests<PlivoFixture>;

public sealed class PlivoAddressTests : ProviderAddressTests<PlivoFixture>;
