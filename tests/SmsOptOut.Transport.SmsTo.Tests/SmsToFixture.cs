using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.ConformanceTests.Support;

namespace SmsOptOut.Transport.SmsTo.Tests;

/// <summary>
/// SMS.to for the provider kit: its API as its documentation and official client show it, its callbacks — opt-outs, and
/// messages people text to a rented number — behind a URL secret, as when no webhook signing secret is configured
/// (<see cref="SmsToSignedFixture"/> runs the kit with signed callbacks).
/// </summary>
public sealed class SmsToFixture : ProviderFixture
{
    public const string ApiKey = "smsto-test-api-key";
    public const string Secret = "callback-secret-0123456789-abcdef";

    public override string Name => "smsto";

    public override ProviderCapabilities Capabilities => ProviderCapabilities.InboundMessages;

    /// <summary>The URL's <c>?secret=</c>: it proves who sent the callback, not what the body says.</summary>
    public override IReadOnlyList<string> Schemes => ["url-secret"];

    public override string SentId => "11ec-832d-0e3a8d5e-9d1a-02420a0002b2";

    public override StubAnswer Sent => new(200,
        $"{{\"success\":true,\"message\":\"Message is queued for sending! Please check report for delivery status.\",\"message_id\":\"{SentId}\"}}");

    public override StubAnswer Rejected => new(400, "{\"success\":false,\"message\":\"The to must be a valid phone number.\"}");

    public override void UseProvider(ISmsOptOutBuilder builder, Uri api, TimeSpan requestTimeout, int maxAttempts) =>
        builder.AddSmsTo(o =>
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

    public override HttpRequestMessage InboundMessage(InboundCase signing, Uri url, string senderField, SenderAddress accountAddress, string text, string id,
        DateTimeOffset now, string? scheme = null)
    {
        var secret = signing switch
        {
            InboundCase.WrongKey => "?secret=not-the-callback-secret-at-all",
            InboundCase.NoSignature => string.Empty,
            _ => "?secret=" + Uri.EscapeDataString(Secret),
        };
        return new HttpRequestMessage(HttpMethod.Post, url.AbsolutePath + secret) { Content = FormBody(InboundFields(senderField, accountAddress, text, now)) };
    }

    /// <summary>SMS.to's inbound-message callback (article 43000615089): <c>from</c>, <c>to</c>, <c>parts</c>, <c>message</c>, <c>receivedDate</c>.</summary>
    public static List<KeyValuePair<string, string>> InboundFields(string from, SenderAddress to, string text, DateTimeOffset received) =>
    [
        new("from", from), new("to", to.Kind == SenderAddressKind.ShortCode ? to.ToProviderString() : to.ToString()), new("parts", "1"), new("message", text),
        new("receivedDate", received.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>The fields form-encoded in order, as raw bytes a signature can be computed over.</summary>
    public static ByteArrayContent FormBody(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }
}

public sealed class SmsToTransportTests : SmsOptOut.Transport.ConformanceTests.ProviderTransportTests<SmsToFixture>;

public sealed class SmsToInboundTests : SmsOptOut.Transport.ConformanceTests.ProviderInboundTests<SmsToFixture>;

public sealed class SmsToSuiteGuard : ProviderSuiteGuard<SmsToFixture>;

public sealed class SmsToTenantTests : SmsOptOut.Transport.ConformanceTests.ProviderTenantTests<SmsToFixture>;

public sealed class SmsToAddressTests : SmsOptOut.Transport.ConformanceTests.ProviderAddressTests<SmsToFixture>;
