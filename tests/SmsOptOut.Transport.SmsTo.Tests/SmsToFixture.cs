using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.SmsTo.Tests;

/// <summary>SMS.to for the provider kit: its API as its documentation and official client show it, its callbacks behind a URL secret.</summary>
public sealed class SmsToFixture : ProviderFixture
{
    public const string ApiKey = "smsto-test-api-key";
    public const string Secret = "callback-secret-0123456789-abcdef";

    public override string Name => "smsto";

    public override ProviderCapabilities Capabilities => ProviderCapabilities.None;

    public override string SentId => "11ec-832d-0e3a8d5e-9d1a-02420a0002b2";

    public override StubAnswer Sent => new(200,
        $"{{\"success\":true,\"message\":\"Message is queued for sending! Please check report for delivery status.\",\"message_id\":\"{SentId}\"}}");

    public override StubAnswer Rejected => new(400, "{\"success\":false,\"message\":\"The to must be a valid phone number.\"}");

    public override void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts) =>
        builder.UseSmsTo(o =>
        {
            o.ApiKey = ApiKey;
            o.SenderId = "Acme";
            o.CallbackSecret = Secret;
            o.BaseAddress = api;
            o.ContactsBaseAddress = api;
            o.RequestTimeout = requestTimeout;
            o.MaxAttempts = maxAttempts;
        });

    public override void UseTenantOptions(ISmsOptOutBuilder builder, AccountId tenant, Uri api) =>
        builder.UseProviderOptions<SmsToOptions>((account, _) => ValueTask.FromResult(account == tenant
            ? new SmsToOptions { ApiKey = "tenant-b-api-key", CallbackSecret = "not-the-callback-secret-at-all", BaseAddress = api, ContactsBaseAddress = api }
            : null));

    public override HttpRequestMessage OptOutWebhook(InboundCase signing, Uri url, PhoneNumber person, SenderAddress accountAddress, string id, DateTimeOffset now,
        string? scheme = null)
    {
        var secret = signing switch
        {
            InboundCase.WrongKey => "?secret=not-the-callback-secret-at-all",
            InboundCase.NoSignature => string.Empty,
            _ => "?secret=" + Uri.EscapeDataString(Secret),
        };
        var fields = new Dictionary<string, string>
        {
            ["timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["unsubscribed_number"] = person.ToString()[1..],
            ["source"] = "Optout Link",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, url.AbsolutePath + secret) { Content = new FormUrlEncodedContent(fields) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return request;
    }
}

public sealed class SmsToTransportTests : SmsOptOut.Transport.ConformanceTests.ProviderTransportTests<SmsToFixture>;

public sealed class SmsToInboundTests : SmsOptOut.Transport.ConformanceTests.ProviderInboundTests<SmsToFixture>;

public sealed class SmsToSuiteGuard : ProviderSuiteGuard<SmsToFixture>;

public sealed class SmsToTenantTests : SmsOptOut.Transport.ConformanceTests.ProviderTenantTests<SmsToFixture>;
