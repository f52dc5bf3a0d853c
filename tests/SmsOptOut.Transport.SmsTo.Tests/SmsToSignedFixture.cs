using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests;
using SmsOptOut.Transport.ConformanceTests.Support;
using SmsOptOut.Transport.SmsTo.Internal;

namespace SmsOptOut.Transport.SmsTo.Tests;

/// <summary>
/// SMS.to for the provider kit with signed callbacks: <c>X-SMSTo-Signature: t=…,s=…</c> over the raw body and the
/// timestamp, checked against <see cref="SmsToOptions.WebhookSigningSecrets"/>. The host also has a URL secret, which must
/// not stand in for a missing signature: <see cref="InboundCase.NoSignature"/> carries the right <c>?secret=</c>.
/// </summary>
public sealed class SmsToSignedFixture : ProviderFixture
{
    public const string SigningSecret = "smsto-kit-webhook-signing-secret-0123";
    public const string WrongSecret = "not-the-webhook-signing-secret-at-all";

    public override string Name => "smsto";

    public override ProviderCapabilities Capabilities =>
        ProviderCapabilities.SignedBody | ProviderCapabilities.SignedTimestamp | ProviderCapabilities.ReplayGuard | ProviderCapabilities.InboundMessages;

    /// <summary><c>X-SMSTo-Signature</c>, HMAC-SHA256 of the body and the timestamp.</summary>
    public override IReadOnlyList<string> Schemes => ["signature"];

    /// <summary>SMS.to retries after 1, 2, 4 … hours and may keep the first attempt's timestamp: the default tolerance, 72 hours.</summary>
    public override TimeSpan AcceptedAge => new SmsToOptions().WebhookSignatureTolerance;

    public override string SentId => new SmsToFixture().SentId;

    public override StubAnswer Sent => new SmsToFixture().Sent;

    public override StubAnswer Rejected => new SmsToFixture().Rejected;

    public override void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts)
    {
        new SmsToFixture().UseProvider(builder, api, requestTimeout, maxAttempts);
        builder.Services.Configure<SmsToOptions>(o => o.WebhookSigningSecrets.Add(SigningSecret));
    }

    public override void UseTenantOptions(ISmsOptOutBuilder builder, AccountId tenant, Uri api) =>
        builder.UseProviderOptions<SmsToOptions>((account, _) => ValueTask.FromResult(account == tenant
            ? new SmsToOptions { ApiKey = "tenant-b-api-key", WebhookSigningSecrets = { WrongSecret }, BaseAddress = api, ContactsBaseAddress = api }
            : null));

    /// <summary>An inbound STOP to the account's rented number: SMS.to's opt-out callback carries no receiving address.</summary>
    public override HttpRequestMessage OptOutWebhook(InboundCase signing, Uri url, PhoneNumber person, SenderAddress accountAddress, string id, DateTimeOffset now,
        string? scheme = null) =>
        InboundMessage(signing, url, person.ToString(), accountAddress, "STOP", id, now, scheme);

    public override HttpRequestMessage InboundMessage(InboundCase signing, Uri url, string senderField, SenderAddress accountAddress, string text, string id,
        DateTimeOffset now, string? scheme = null) =>
        Callback(signing, url, SmsToFixture.InboundFields(senderField, accountAddress, text, now), now);

    /// <summary>
    /// Posts <paramref name="fields"/> signed at <paramref name="now"/> as SMS.to signs them (or broken as
    /// <paramref name="signing"/> says), to <paramref name="url"/>'s path with the right URL secret.
    /// </summary>
    public static HttpRequestMessage Callback(InboundCase signing, Uri url, IEnumerable<KeyValuePair<string, string>> fields, DateTimeOffset now)
    {
        var body = SmsToFixture.FormBody(fields);
        var bytes = body.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var signedAt = signing == InboundCase.Expired ? now - new SmsToOptions().WebhookSignatureTolerance - TimeSpan.FromMinutes(10) : now;
        var header = $"t={signedAt.ToUnixTimeSeconds()},s={SmsToSignature.Compute(bytes, signedAt.ToUnixTimeSeconds(), signing == InboundCase.WrongKey ? WrongSecret : SigningSecret)}";
        if (signing == InboundCase.TamperedBody)
        {
            body = SmsToFixture.FormBody(fields.Select(f => f.Key == "message" ? new KeyValuePair<string, string>(f.Key, f.Value + " ") : f));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, url.AbsolutePath + "?secret=" + Uri.EscapeDataString(SmsToFixture.Secret)) { Content = body };
        if (signing != InboundCase.NoSignature)
        {
            request.Headers.TryAddWithoutValidation(SmsToSignature.Header, header);
        }

        return request;
    }
}

public sealed class SmsToSignedTransportTests : ProviderTransportTests<SmsToSignedFixture>;

public sealed class SmsToSignedInboundTests : ProviderInboundTests<SmsToSignedFixture>;

public sealed class SmsToSignedBodyTests : ProviderSignedBodyTests<SmsToSignedFixture>;

public sealed class SmsToSignedTimestampTests : ProviderTimestampTests<SmsToSignedFixture>;

public sealed class SmsToSignedTenantTests : ProviderTenantTests<SmsToSignedFixture>;

public sealed class SmsToSignedAddressTests : ProviderAddressTests<SmsToSignedFixture>;

public sealed class SmsToSignedSuiteGuard : ProviderSuiteGuard<SmsToSignedFixture>;

public sealed class SmsToSignedReplayTests : ProviderReplayTests<SmsToSignedFixture>;
