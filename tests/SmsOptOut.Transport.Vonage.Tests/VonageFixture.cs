using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Transport.ConformanceTests;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.Vonage.Tests;

/// <summary>
/// Vonage for the provider kit: its SMS API as documented, and its webhooks in every scheme the package accepts, each
/// built by <see cref="VonageTestSigner"/>:
/// <list type="bullet">
/// <item><c>md5hash</c>, <c>md5</c>, <c>sha1</c>, <c>sha256</c>, <c>sha512</c>: the SMS API's <c>sig</c> with the
/// dashboard's "MD5 hash" (default), "MD5 HMAC", "SHA1 HMAC", "SHA-256 HMAC", "SHA-512 HMAC";</item>
/// <item><c>messages-jwt</c>: the Messages API's inbound SMS with its <c>Authorization: Bearer</c> JWT;</item>
/// <item><c>url-secret</c>: the SMS API unsigned, the URL carrying <c>?secret=</c>.</item>
/// </list>
/// The kit's host takes one set of options per fixture, and an account has one signature method (or the URL secret),
/// so each set is a fixture: <see cref="VonageFixture"/> (the defaults: MD5 hash and the Messages API's JWT, which
/// needs no other option) runs every suite; the HMAC fixtures run the webhook suites for their method; the Messages and
/// URL-secret fixtures run the inbound, address and tenant suites with their scheme first. The transport does not
/// change with the scheme, so it runs once.
/// </summary>
public abstract class VonageFixtureBase : ProviderFixture
{
    /// <summary>An unsigned Messages API callback may be Vonage's own after an internal error: answered 503 so it comes back signed.</summary>
    public override System.Net.HttpStatusCode UnsignedStatus(string scheme) =>
        scheme == "messages-jwt" ? System.Net.HttpStatusCode.ServiceUnavailable : System.Net.HttpStatusCode.Forbidden;

    public const string ApiKey = "abcd1234";
    public const string ApiSecret = "vonage-api-secret";
    public const string SignatureSecret = "Y6dI3wtDP8myVH5tnDoIaTxEvAJhgDVCczBa1mHniEqsdlnnebg";
    public const string WrongSecret = "not-the-signature-secret";
    public const string CallbackSecret = "url-secret-0123456789-abcdefghij";
    public const string WrongCallbackSecret = "not-the-url-secret-0123456789-xyz";

    public override string Name => "vonage";

    public override ProviderCapabilities Capabilities =>
        ProviderCapabilities.SynchronousOptOutError | ProviderCapabilities.SignedBody | ProviderCapabilities.InboundMessages | ProviderCapabilities.SignedTimestamp | ProviderCapabilities.ReplayGuard;

    /// <summary>
    /// Vonage's longest documented retry window, stated here rather than read from the package's default: delivery
    /// receipts are retried for 72 hours (support article 226572227; inbound messages and the Messages API 24 hours), most
    /// likely with the first attempt's timestamp.
    /// </summary>
    public override TimeSpan AcceptedAge => TimeSpan.FromHours(72);

    public override string SentId => "0A0000000123ABCD1";

    public override string? OptedOutCode => "7";

    public override StubAnswer Sent => new(200,
        $"{{\"message-count\":\"1\",\"messages\":[{{\"to\":\"14155552671\",\"message-id\":\"{SentId}\",\"status\":\"0\",\"remaining-balance\":\"3.14159265\",\"message-price\":\"0.03330000\",\"network\":\"12345\"}}]}}");

    public override StubAnswer? OptedOut => new(200, "{\"message-count\":\"1\",\"messages\":[{\"to\":\"14155552671\",\"status\":\"7\",\"error-text\":\"Number barred.\"}]}");

    public override StubAnswer Rejected => new(200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\"3\",\"error-text\":\"Invalid to parameter\"}]}");

    public override void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts) =>
        builder.AddVonage(o =>
        {
            o.ApiKey = ApiKey;
            o.ApiSecret = ApiSecret;
            o.From = "+18005550100";
            o.SignatureSecret = SignatureSecret;
            o.BaseAddress = api;
            o.RequestTimeout = requestTimeout;
            o.MaxAttempts = maxAttempts;
            Configure(o, wrongKey: false);
        });

    public override void UseTenantOptions(ISmsOptOutBuilder builder, AccountId tenant, Uri api) =>
        builder.UseProviderOptions<VonageOptions>((account, _) =>
        {
            if (account != tenant)
            {
                return ValueTask.FromResult<VonageOptions?>(null);
            }

            var options = new VonageOptions { ApiKey = "tenantb", ApiSecret = "tenant-b-secret", From = "+18005550100", SignatureSecret = WrongSecret, BaseAddress = api };
            Configure(options, wrongKey: true);
            return ValueTask.FromResult<VonageOptions?>(options);
        });

    public override string? SentCredential(ReceivedRequest request) => System.Web.HttpUtility.ParseQueryString(request.Text)["api_key"];

    public override HttpRequestMessage OptOutWebhook(InboundCase signing, Uri url, PhoneNumber person, SenderAddress accountAddress, string id, DateTimeOffset now,
        string? scheme = null) =>
        InboundMessage(signing, url, person.ToString()[1..], accountAddress, "STOP", id, now, scheme);

    public override HttpRequestMessage InboundMessage(InboundCase signing, Uri url, string senderField, SenderAddress accountAddress, string text, string id,
        DateTimeOffset now, string? scheme = null) => (scheme ?? Schemes[0]) switch
        {
            "messages-jwt" => MessagesWebhook(signing, url, VonageTestSigner.MessagesInbound(senderField, accountAddress.ToProviderString(), text, "uuid-" + id, now), now, "jti-" + id),
            "url-secret" => UrlSecretWebhook(signing, url, Inbound(senderField, accountAddress, text, id)),
            var method => SmsWebhook(signing, url, Inbound(senderField, accountAddress, text, id), now, "nonce-" + id, Method(method)),
        };

    /// <summary>Sets the scheme's options on the host's (or, with <paramref name="wrongKey"/>, the tenant's) options.</summary>
    protected virtual void Configure(VonageOptions options, bool wrongKey)
    {
    }

    /// <summary>The method of a scheme's name.</summary>
    public static VonageSignatureMethod Method(string scheme) => scheme switch
    {
        "md5hash" => VonageSignatureMethod.Md5Hash,
        "md5" => VonageSignatureMethod.Md5,
        "sha1" => VonageSignatureMethod.Sha1,
        "sha256" => VonageSignatureMethod.Sha256,
        "sha512" => VonageSignatureMethod.Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Not a Vonage signature scheme."),
    };

    /// <summary>An inbound message's parameters as Vonage sends them (numbers without <c>+</c>).</summary>
    public static Dictionary<string, string> Inbound(PhoneNumber from, SenderAddress to, string text, string id) => Inbound(from.ToString()[1..], to, text, id);

    /// <summary>An inbound message's parameters as Vonage sends them, with the sender's field verbatim.</summary>
    public static Dictionary<string, string> Inbound(string from, SenderAddress to, string text, string id) => new()
    {
        ["api-key"] = ApiKey, ["msisdn"] = from, ["to"] = to.ToProviderString(), ["messageId"] = id, ["text"] = text, ["type"] = "text",
        ["keyword"] = text.Split(' ')[0].ToUpperInvariant(), ["message-timestamp"] = "2026-11-27 06:14:08",
    };

    /// <summary>When a request signed as <paramref name="signing"/> says was signed: <see cref="InboundCase.Expired"/> a minute past the default tolerance.</summary>
    public static DateTimeOffset SignedAt(InboundCase signing, DateTimeOffset now) =>
        signing == InboundCase.Expired ? now - new VonageOptions().SignatureTolerance - TimeSpan.FromMinutes(1) : now;

    /// <summary>Adds <c>timestamp</c>, <c>nonce</c> and <c>sig</c> as Vonage's SMS API does (or breaks them as <paramref name="signing"/> says) and posts the form to <paramref name="url"/>'s path.</summary>
    public static HttpRequestMessage SmsWebhook(InboundCase signing, Uri url, Dictionary<string, string> parameters, DateTimeOffset now, string nonce,
        VonageSignatureMethod method = VonageSignatureMethod.Md5Hash)
    {
        var signed = new Dictionary<string, string>(parameters)
        {
            ["timestamp"] = SignedAt(signing, now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["nonce"] = nonce,
        };
        signed["sig"] = VonageTestSigner.SmsSignature(signed, signing == InboundCase.WrongKey ? WrongSecret : SignatureSecret, method);
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

    /// <summary>Posts <paramref name="body"/> as the Messages API does, with its JWT (or broken as <paramref name="signing"/> says).</summary>
    public static HttpRequestMessage MessagesWebhook(InboundCase signing, Uri url, string body, DateTimeOffset now, string jti)
    {
        var token = VonageTestSigner.MessagesJwt(body, signing == InboundCase.WrongKey ? WrongSecret : SignatureSecret, SignedAt(signing, now), jti);
        var sent = signing == InboundCase.TamperedBody ? body.Replace("\"text\":\"STOP\"", "\"text\":\"HELLO\"", StringComparison.Ordinal) : body;
        var request = new HttpRequestMessage(HttpMethod.Post, url.PathAndQuery) { Content = new StringContent(sent, Encoding.UTF8, "application/json") };
        if (signing != InboundCase.NoSignature)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return request;
    }

    /// <summary>Posts the SMS API's unsigned form to <paramref name="url"/>'s path with <c>?secret=</c> (or a wrong or no secret as <paramref name="signing"/> says).</summary>
    public static HttpRequestMessage UrlSecretWebhook(InboundCase signing, Uri url, Dictionary<string, string> parameters)
    {
        var query = signing switch
        {
            InboundCase.WrongKey => "?secret=" + WrongCallbackSecret,
            InboundCase.NoSignature => string.Empty,
            _ => "?secret=" + CallbackSecret,
        };
        return new HttpRequestMessage(HttpMethod.Post, url.AbsolutePath + query) { Content = new FormUrlEncodedContent(parameters) };
    }
}

/// <summary>The defaults: signed webhooks, the dashboard's default "MD5 hash" for the SMS API, and the Messages API's JWT.</summary>
public sealed class VonageFixture : VonageFixtureBase
{
    public override IReadOnlyList<string> Schemes => ["md5hash", "messages-jwt"];
}

/// <summary>An account whose dashboard says "MD5 HMAC".</summary>
public sealed class VonageMd5HmacFixture : VonageFixtureBase
{
    public override IReadOnlyList<string> Schemes => ["md5"];

    protected override void Configure(VonageOptions options, bool wrongKey) => options.SignatureMethod = VonageSignatureMethod.Md5;
}

/// <summary>An account whose dashboard says "SHA1 HMAC".</summary>
public sealed class VonageSha1Fixture : VonageFixtureBase
{
    public override IReadOnlyList<string> Schemes => ["sha1"];

    protected override void Configure(VonageOptions options, bool wrongKey) => options.SignatureMethod = VonageSignatureMethod.Sha1;
}

/// <summary>An account whose dashboard says "SHA-256 HMAC".</summary>
public sealed class VonageSha256Fixture : VonageFixtureBase
{
    public override IReadOnlyList<string> Schemes => ["sha256"];

    protected override void Configure(VonageOptions options, bool wrongKey) => options.SignatureMethod = VonageSignatureMethod.Sha256;
}

/// <summary>An account whose dashboard says "SHA-512 HMAC".</summary>
public sealed class VonageSha512Fixture : VonageFixtureBase
{
    public override IReadOnlyList<string> Schemes => ["sha512"];

    protected override void Configure(VonageOptions options, bool wrongKey) => options.SignatureMethod = VonageSignatureMethod.Sha512;
}

/// <summary>The Messages API first: its inbound SMS to each kind of address, and per tenant.</summary>
public sealed class VonageMessagesFixture : VonageFixtureBase
{
    public override IReadOnlyList<string> Schemes => ["messages-jwt"];
}

/// <summary>An account without signed webhooks: <see cref="VonageWebhookAuthentication.UrlSecret"/>. Nothing signs the body, a time or a nonce.</summary>
public sealed class VonageUrlSecretFixture : VonageFixtureBase
{
    public override IReadOnlyList<string> Schemes => ["url-secret"];

    public override ProviderCapabilities Capabilities => ProviderCapabilities.SynchronousOptOutError | ProviderCapabilities.InboundMessages;

    protected override void Configure(VonageOptions options, bool wrongKey)
    {
        options.WebhookAuthentication = VonageWebhookAuthentication.UrlSecret;
        options.CallbackSecret = wrongKey ? WrongCallbackSecret : CallbackSecret;
        options.SignatureSecret = null;
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

public sealed class VonageMd5HmacInboundTests : ProviderInboundTests<VonageMd5HmacFixture>;

public sealed class VonageMd5HmacSignedBodyTests : ProviderSignedBodyTests<VonageMd5HmacFixture>;

public sealed class VonageMd5HmacTimestampTests : ProviderTimestampTests<VonageMd5HmacFixture>;

public sealed class VonageSha1InboundTests : ProviderInboundTests<VonageSha1Fixture>;

public sealed class VonageSha1SignedBodyTests : ProviderSignedBodyTests<VonageSha1Fixture>;

public sealed class VonageSha1TimestampTests : ProviderTimestampTests<VonageSha1Fixture>;

public sealed class VonageSha256InboundTests : ProviderInboundTests<VonageSha256Fixture>;

public sealed class VonageSha256SignedBodyTests : ProviderSignedBodyTests<VonageSha256Fixture>;

public sealed class VonageSha256TimestampTests : ProviderTimestampTests<VonageSha256Fixture>;

public sealed class VonageSha512InboundTests : ProviderInboundTests<VonageSha512Fixture>;

public sealed class VonageSha512SignedBodyTests : ProviderSignedBodyTests<VonageSha512Fixture>;

public sealed class VonageSha512TimestampTests : ProviderTimestampTests<VonageSha512Fixture>;

public sealed class VonageMessagesAddressTests : ProviderAddressTests<VonageMessagesFixture>;

public sealed class VonageMessagesTenantTests : ProviderTenantTests<VonageMessagesFixture>;

public sealed class VonageUrlSecretInboundTests : ProviderInboundTests<VonageUrlSecretFixture>;

public sealed class VonageUrlSecretTenantTests : ProviderTenantTests<VonageUrlSecretFixture>;

public sealed class VonageUrlSecretAddressTests : ProviderAddressTests<VonageUrlSecretFixture>;

public sealed class VonageReplayTests : ProviderReplayTests<VonageFixture>;
