using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NSec.Cryptography;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.Telnyx.Tests;

/// <summary>Telnyx for the provider kit: its Messaging API as documented, its webhooks signed with an Ed25519 key made for the test run.</summary>
public sealed class TelnyxFixture : ProviderFixture
{
    public const string ApiKey = "KEY0123456789ABCDEF";

    private static readonly Key SigningKey = Key.Create(SignatureAlgorithm.Ed25519);
    private static readonly Key OtherKey = Key.Create(SignatureAlgorithm.Ed25519);

    /// <summary>The public key of the run's signing key, base64, as Telnyx's portal shows it.</summary>
    public static string PublicKey => Convert.ToBase64String(SigningKey.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public override string Name => "telnyx";

    public override ProviderCapabilities Capabilities =>
        ProviderCapabilities.SynchronousOptOutError | ProviderCapabilities.SignedBody | ProviderCapabilities.InboundMessages | ProviderCapabilities.SignedTimestamp | ProviderCapabilities.ReplayGuard;

    public override string SentId => "40385f64-5717-4562-b3fc-2c963f66afa6";

    public override string? OptedOutCode => "40300";

    public override StubAnswer Sent => new(200,
        $"{{\"data\":{{\"record_type\":\"message\",\"direction\":\"outbound\",\"id\":\"{SentId}\",\"type\":\"SMS\",\"to\":[{{\"phone_number\":\"+14155552671\",\"status\":\"queued\"}}],\"errors\":[]}}}}");

    public override StubAnswer? OptedOut => new(400,
        "{\"errors\":[{\"code\":\"40300\",\"title\":\"Blocked due to STOP message\",\"detail\":\"Messages cannot be sent from '+18005550100' to '+14155552671' due to an existing block rule.\"}]}");

    public override StubAnswer Rejected => new(400,
        "{\"errors\":[{\"code\":\"10002\",\"title\":\"Invalid phone number\",\"detail\":\"The phone number is invalid.\"}]}");

    public override void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts) =>
        builder.AddTelnyx(o =>
        {
            o.ApiKey = ApiKey;
            o.From = "+18005550100";
            o.PublicKey = PublicKey;
            o.BaseAddress = api;
            o.RequestTimeout = requestTimeout;
            o.MaxAttempts = maxAttempts;
        });

    public override void UseTenantOptions(ISmsOptOutBuilder builder, AccountId tenant, Uri api) =>
        builder.UseProviderOptions<TelnyxOptions>((account, _) => ValueTask.FromResult(account == tenant
            ? new TelnyxOptions { ApiKey = "KEYtenantb", From = "+18005550100", PublicKey = Convert.ToBase64String(OtherKey.PublicKey.Export(KeyBlobFormat.RawPublicKey)), BaseAddress = api }
            : null));

    public override HttpRequestMessage OptOutWebhook(InboundCase signing, Uri url, PhoneNumber person, SenderAddress accountAddress, string id, DateTimeOffset now,
        string? scheme = null) =>
        Webhook(signing, url, Received(person.ToString(), accountAddress, "STOP", id), now);

    public override HttpRequestMessage InboundMessage(InboundCase signing, Uri url, string senderField, SenderAddress accountAddress, string text, string id,
        DateTimeOffset now, string? scheme = null) =>
        Webhook(signing, url, Received(senderField, accountAddress, text, id), now);

    /// <summary>A <c>message.received</c> event as Telnyx sends it: a number as +E.164, a short code as its digits.</summary>
    public static string Received(string from, SenderAddress accountAddress, string text, string id) =>
        Received(from, accountAddress.Kind == SenderAddressKind.ShortCode ? accountAddress.ToProviderString() : accountAddress.ToString(), text, id);

    /// <summary>A <c>message.received</c> event as Telnyx sends it.</summary>
    public static string Received(string from, string to, string text, string id) =>
        $$$"""{"data":{"event_type":"message.received","id":"evt-{{{id}}}","occurred_at":"2026-11-27T06:14:08.000+00:00","payload":{"direction":"inbound","from":{"phone_number":"{{{from}}}","carrier":"T-Mobile USA","line_type":"Wireless"},"id":"msg-{{{id}}}","text":"{{{text}}}","to":[{"phone_number":"{{{to}}}","status":"webhook_delivered"}],"type":"SMS"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://opt.example/sms/inbound/telnyx"}}""";

    /// <summary>Signs <paramref name="body"/> as Telnyx does (or breaks the signature as <paramref name="signing"/> says) and posts it to <paramref name="url"/>'s path.</summary>
    public static HttpRequestMessage Webhook(InboundCase signing, Uri url, string body, DateTimeOffset now)
    {
        var timestamp = (signing == InboundCase.Expired ? now.AddMinutes(-6) : now).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = signing == InboundCase.WrongKey ? OtherKey : SigningKey;
        var signature = Convert.ToBase64String(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(timestamp + "|" + body)));
        var sent = signing == InboundCase.TamperedBody ? body.Replace("\"STOP\"", "\"HELLO\"", StringComparison.Ordinal) : body;
        var request = new HttpRequestMessage(HttpMethod.Post, url.PathAndQuery) { Content = new StringContent(sent, Encoding.UTF8, "application/json") };
        if (signing != InboundCase.NoSignature)
        {
            request.Headers.Add("telnyx-signature-ed25519", signature);
            request.Headers.Add("telnyx-timestamp", timestamp);
        }

        return request;
    }
}

public sealed class TelnyxTransportTests : ProviderTransportTests<TelnyxFixture>;

public sealed class TelnyxOptOutErrorTests : ProviderOptOutErrorTests<TelnyxFixture>;

public sealed class TelnyxInboundTests : ProviderInboundTests<TelnyxFixture>;

public sealed class TelnyxSignedBodyTests : ProviderSignedBodyTests<TelnyxFixture>;

public sealed class TelnyxTimestampTests : ProviderTimestampTests<TelnyxFixture>;

public sealed class TelnyxSuiteGuard : ProviderSuiteGuard<TelnyxFixture>;

public sealed class TelnyxTenantTests : ProviderTenantTests<TelnyxFixture>;

public sealed class TelnyxAddressTests : ProviderAddressTests<TelnyxFixture>;

public sealed class TelnyxReplayTests : ProviderReplayTests<TelnyxFixture>;
