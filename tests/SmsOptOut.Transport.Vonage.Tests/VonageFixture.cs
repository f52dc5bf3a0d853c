using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Transport.ConformanceTests;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.Vonage.Internal;

namespace SmsOptOut.Transport.Vonage.Tests;

/// <summary>Vonage for the provider kit: its SMS API as documented, its webhooks signed with HMAC-SHA256.</summary>
public sealed class VonageFixture : ProviderFixture
{
    public const string ApiKey = "abcd1234";
    public const string ApiSecret = "vonage-api-secret";
    public const string SignatureSecret = "Y6dI3wtDP8myVH5tnDoIaTxEvAJhgDVCczBa1mHniEqsdlnnebg";

    public override string Name => "vonage";

    public override ProviderCapabilities Capabilities =>
        ProviderCapabilities.SynchronousOptOutError | ProviderCapabilities.SignedBody | ProviderCapabilities.InboundMessages | ProviderCapabilities.SignedTimestamp | ProviderCapabilities.ReplayGuard;

    public override string SentId => "0A0000000123ABCD1";

    public override string? OptedOutCode => "7";

    public override StubAnswer Sent => new(200,
        $"{{\"message-count\":\"1\",\"messages\":[{{\"to\":\"14155552671\",\"message-id\":\"{SentId}\",\"status\":\"0\",\"remaining-balance\":\"3.14159265\",\"message-price\":\"0.03330000\",\"network\":\"12345\"}}]}}");

    public override StubAnswer? OptedOut => new(200, "{\"message-count\":\"1\",\"messages\":[{\"to\":\"14155552671\",\"status\":\"7\",\"error-text\":\"Number barred.\"}]}");

    public override StubAnswer Rejected => new(200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\"3\",\"error-text\":\"Invalid to parameter\"}]}");

    public override void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts) =>
        builder.UseVonage(o =>
        {
            o.ApiKey = ApiKey;
            o.ApiSecret = ApiSecret;
            o.From = "+18005550100";
            o.SignatureSecret = SignatureSecret;
            o.BaseAddress = api;
            o.RequestTimeout = requestTimeout;
            o.MaxAttempts = maxAttempts;
        });

    public override void UseTenantOptions(ISmsOptOutBuilder builder, AccountId tenant, Uri api) =>
        builder.UseProviderOptions<VonageOptions>((account, _) => ValueTask.FromResult(account == tenant
            ? new VonageOptions { ApiKey = "tenantb", ApiSecret = "tenant-b-secret", From = "+18005550100", SignatureSecret = "not-the-signature-secret", BaseAddress = api }
            : null));

    public override string? SentCredential(ReceivedRequest request) => System.Web.HttpUtility.ParseQueryString(request.Text)["api_key"];

    public override HttpRequestMessage OptOutWebhook(InboundCase signing, Uri url, PhoneNumber person, SenderAddress accountAddress, string id, DateTimeOffset now,
        string? scheme = null) =>
        InboundMessage(signing, url, person.ToString()[1..], accountAddress, "STOP", id, now, scheme);

    public override HttpRequestMessage InboundMessage(InboundCase signing, Uri url, string senderField, SenderAddress accountAddress, string text, string id,
        DateTimeOffset now, string? scheme = null) =>
        Webhook(signing, url, Inbound(senderField, accountAddress, text, id), now, "nonce-" + id);

    /// <summary>An inbound message's parameters as Vonage sends them (numbers without <c>+</c>).</summary>
    public static Dictionary<string, string> Inbound(PhoneNumber from, SenderAddress to, string text, string id) => Inbound(from.ToString()[1..], to, text, id);

    /// <summary>An inbound message's parameters as Vonage sends them, with the sender's field verbatim.</summary>
    public static Dictionary<string, string> Inbound(string from, SenderAddress to, string text, string id) => new()
    {
        ["api-key"] = ApiKey, ["msisdn"] = from, ["to"] = to.ToProviderString(), ["messageId"] = id, ["text"] = text, ["type"] = "text",
        ["keyword"] = text.Split(' ')[0].ToUpperInvariant(), ["message-timestamp"] = "2026-11-27 06:14:08",
    };

    /// <summary>Adds <c>timestamp</c>, <c>nonce</c> and <c>sig</c> as Vonage does (or breaks them as <paramref name="signing"/> says) and posts the form to <paramref name="url"/>'s path.</summary>
    public static HttpRequestMessage Webhook(InboundCase signing, Uri url, Dictionary<string, string> parameters, DateTimeOffset now, string nonce,
        VonageSignatureMethod method = VonageSignatureMethod.Sha256)
    {
        var signed = new Dictionary<string, string>(parameters)
        {
            ["timestamp"] = (signing == InboundCase.Expired ? now.AddMinutes(-6) : now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["nonce"] = nonce,
        };
        signed["sig"] = VonageSignature.Compute(signed, signing == InboundCase.WrongKey ? "not-the-signature-secret" : SignatureSecret, method);
        if (signing == InboundCase.TamperedBody)
        {
            signed["text"] = "HELLO";
        }

        if (signing == InboundCase.NoSignature)
        {
            signed.Remove("sig");
        }

        return new HttpRequestMessage(HttpMethod.Post, url.PathAndQuery) { Content = new FormUrlEncodedContent(signed) };
    }
}

public sealed class VonageTransportTests : ProviderTransportTests<VonageFixture>;

public sealed class VonageOptOutErrorTests : ProviderOptOutErrorTests<VonageFixture>;

public sealed class VonageInboundTests : ProviderInboundTests<VonageFixture>;

public sealed class VonageSignedBodyTests : ProviderSignedBodyTests<VonageFixture>;

public sealed class VonageTimestampTests : ProviderTimestampTests<VonageFixture>;

public sealed class VonageSuiteGuard : ProviderSuiteGuard<VonageFixture>;

public sealed class VonageTenantTests : ProviderTenantTests<VonageFixture>;

public sealed class VonageAddressTests : ProviderAddressTests<VonageFixture>;
