using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.Twilio.Tests;

/// <summary>Twilio for the provider kit: its Messages API and its signed inbound webhook.</summary>
public sealed class TwilioFixture : ProviderFixture
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "twilio-kit-auth-token";
    public const string SharedKeyId = "webhooks_sharedkey_kit0123456789abcdef012345";
    public const string SharedKeySecret = "twilio-kit-shared-key-secret";
    public const string WrongSecret = "not-the-auth-token";

    /// <summary>The auth token (HMAC-SHA1, no settings header), and a Webhook Rule's SharedKey with each algorithm Twilio offers.</summary>
    public override IReadOnlyList<string> Schemes => ["auth-token", "shared-key-sha256", "shared-key-sha1"];

    public override string Name => "twilio";

    public override ProviderCapabilities Capabilities => ProviderCapabilities.SynchronousOptOutError | ProviderCapabilities.SignedBody | ProviderCapabilities.InboundMessages;

    public override string SentId => "SM0123456789abcdef0123456789abcdef";

    public override string? OptedOutCode => "21610";

    public override StubAnswer Sent => new(201, $"{{\"sid\":\"{SentId}\",\"status\":\"queued\",\"error_code\":null,\"error_message\":null}}");

    public override StubAnswer? OptedOut => new(400,
        "{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\", \"more_info\": \"https://www.twilio.com/docs/errors/21610\", \"status\": 400}");

    public override StubAnswer Rejected => new(400,
        "{\"code\": 21211, \"message\": \"The 'To' number +1415 is not a valid phone number.\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}");

    public override void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts) =>
        builder.AddTwilio(o =>
        {
            o.AccountSid = AccountSid;
            o.AuthToken = AuthToken;
            o.WebhookSharedKeys[SharedKeyId] = SharedKeySecret;
            o.From = "+18005550100";
            o.BaseAddress = api;
            o.RequestTimeout = requestTimeout;
            o.MaxAttempts = maxAttempts;
        });

    public override void UseTenantOptions(ISmsOptOutBuilder builder, AccountId tenant, Uri api) =>
        builder.UseProviderOptions<TwilioOptions>((account, _) => ValueTask.FromResult(account == tenant
            ? new TwilioOptions
            {
                AccountSid = "AC" + new string('b', 32), AuthToken = WrongSecret, From = "+18005550100", BaseAddress = api, WebhookSharedKeys = { [SharedKeyId] = WrongSecret },
            }
            : null));

    public override HttpRequestMessage OptOutWebhook(InboundCase signing, Uri url, PhoneNumber person, SenderAddress accountAddress, string id, DateTimeOffset now,
        string? scheme = null) =>
        InboundMessage(signing, url, person.ToString(), accountAddress, "STOP", id, now, scheme);

    public override HttpRequestMessage InboundMessage(InboundCase signing, Uri url, string senderField, SenderAddress accountAddress, string text, string id,
        DateTimeOffset now, string? scheme = null)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + id, ["AccountSid"] = AccountSid, ["From"] = senderField,
            ["To"] = accountAddress.Kind == SenderAddressKind.ShortCode ? accountAddress.ToProviderString() : accountAddress.ToString(), ["Body"] = text, ["NumMedia"] = "0",
        };
        return Webhook(signing, url, form, scheme);
    }

    /// <summary>Signs <paramref name="form"/> as Twilio does under <paramref name="scheme"/> (or breaks it as <paramref name="signing"/> says) and posts it to <paramref name="url"/>'s path.</summary>
    public static HttpRequestMessage Webhook(InboundCase signing, Uri url, Dictionary<string, string> form, string? scheme = null)
    {
        var (secret, algorithm, settings) = (scheme ?? "auth-token") switch
        {
            "auth-token" => (AuthToken, HashAlgorithmName.SHA1, null),
            "shared-key-sha256" => (SharedKeySecret, HashAlgorithmName.SHA256, $"key={SharedKeyId},algorithm=HMAC_SHA256"),
            "shared-key-sha1" => (SharedKeySecret, HashAlgorithmName.SHA1, $"key={SharedKeyId},algorithm=HMAC_SHA1"),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Not one of Twilio's schemes."),
        };
        var sent = new Dictionary<string, string>(form);
        var signature = TwilioRequestValidator.ComputeSignature(url.ToString(), sent, signing == InboundCase.WrongKey ? WrongSecret : secret, algorithm);
        if (signing == InboundCase.TamperedBody)
        {
            sent["Body"] = "STOP ALL";
        }

        var request = new HttpRequestMessage(HttpMethod.Post, url.PathAndQuery) { Content = new FormUrlEncodedContent(sent) };
        if (signing != InboundCase.NoSignature)
        {
            request.Headers.Add(TwilioRequestValidator.SignatureHeader, signature);
        }

        if (settings is not null)
        {
            request.Headers.Add(TwilioRequestValidator.SignatureSettingsHeader, settings);
        }

        return request;
    }
}

public sealed class TwilioKitTransportTests : ProviderTransportTests<TwilioFixture>;

public sealed class TwilioKitOptOutErrorTests : ProviderOptOutErrorTests<TwilioFixture>;

public sealed class TwilioKitInboundTests : ProviderInboundTests<TwilioFixture>;

public sealed class TwilioKitSignedBodyTests : ProviderSignedBodyTests<TwilioFixture>;

public sealed class TwilioKitSuiteGuard : ProviderSuiteGuard<TwilioFixture>;

public sealed class TwilioKitTenantTests : ProviderTenantTests<TwilioFixture>;

public sealed class TwilioKitAddressTests : ProviderAddressTests<TwilioFixture>;
