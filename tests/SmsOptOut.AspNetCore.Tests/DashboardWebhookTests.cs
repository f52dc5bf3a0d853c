using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Webhooks;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The dashboard's webhooks page over Kestrel, with the account's callback on a local receiver: backlog, URL check, a
/// dead letter replayed and then delivered to the receiver, a test event.
/// </summary>
public sealed partial class DashboardWebhookTests : IAsyncLifetime
{
    private LocalReceiver _receiver = null!;
    private LandingHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _receiver = new LocalReceiver();
        _host = await DashboardHost.StartAsync(o =>
        {
            o.Webhooks.CallbackUrl = _receiver.Url;
            o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true;
        });
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _host.BaseAddress };
        _client.DefaultRequestHeaders.Add(DashboardHost.UserHeader, "agent.smith");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task The_last_reconciliation_with_each_provider_is_shown_with_what_webhooks_missed()
    {
        await using var host = await DashboardHost.StartAsync(
            o => o.DefaultProvider = "twilio",
            services => services.AddSingleton<SmsOptOut.Providers.ISmsProvider>(new ListingProvider()));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add(DashboardHost.UserHeader, "agent.smith");

        var before = await client.GetStringAsync("/secure-admin/webhooks?account=acme");
        await host.Services.GetRequiredService<SmsOptOut.Providers.IProviderReconciliation>().ReconcileAsync(LandingHost.Account);
        var after = await client.GetStringAsync("/secure-admin/webhooks?account=acme");

        before.Should().Contain("id=\"no-reconciliation\"").And.Contain("smsoptout reconcile");
        after.Should().Contain("<table id=\"reconciliation\">").And.Contain("<td>listing</td>");
        Regex.Match(after, "<td>listing</td><td><time[^>]*>[^<]+</time></td><td class=\"n\">(\\d+)</td><td class=\"n\">(\\d+)</td>").Groups.Values.Skip(1).Select(g => g.Value)
            .Should().Equal(["2", "2"], "two opt-outs listed, both missed by webhooks");
        after.Should().NotContain("4155550123", "numbers are not shown");
    }

    /// <summary>A provider (the edge we do not own) that lists two opt-outs.</summary>
    private sealed class ListingProvider : SmsOptOut.Providers.ISmsProvider, SmsOptOut.Providers.IProviderOptOutSource
    {
        public string Name => "listing";

        public SmsOptOut.Sending.ISmsTransport Transport { get; } = new SmsOptOut.Sending.ConsoleSmsTransport(TextWriter.Null);

        public SmsOptOut.Providers.IInboundWebhookReader? Inbound => null;

        public SmsOptOut.Providers.IProviderConsentSync? ConsentSync => null;

        public SmsOptOut.Providers.IProviderOptOutSource? OptOutSource => this;

        public Task<SmsOptOut.Providers.ProviderOptOutPage> ReadPageAsync(AccountId account, SmsOptOut.Providers.ProviderOptOutWindow window, string? pageToken,
            CancellationToken cancellationToken = default) =>
            Task.FromResult(new SmsOptOut.Providers.ProviderOptOutPage(
                [new(PhoneNumber.Parse("+14155550123"), window.Until.AddDays(-1)), new(PhoneNumber.Parse("+14155550124"), window.Until.AddDays(-2))], null));
    }

    [Fact]
    public async Task Dead_letters_are_listed_without_their_numbers_replayed_one_by_one_and_a_test_event_reaches_the_receiver()
    {
        var dead = await DeadLettersAsync(PhoneNumber.Parse("+14155552671"), PhoneNumber.Parse("+14155552672"));

        var page = await _client.GetAsync("/secure-admin/webhooks?account=acme");
        var html = await page.Content.ReadAsStringAsync();
        var (token, cookie) = (Token().Match(html).Groups[1].Value, page.Headers.GetValues("Set-Cookie").First().Split(';')[0]);
        var replay = await PostAsync("/secure-admin/webhooks/replay", token, cookie, [new("id", dead[0])]);
        var nothing = await PostAsync("/secure-admin/webhooks/replay", token, cookie, []);
        var test = await PostAsync("/secure-admin/webhooks/test", token, cookie, []);
        var counts = await _host.Outbox.CountAsync(LandingHost.Account);
        var delivered = await _host.Services.GetRequiredService<IOptOutWebhookDispatcher>().DeliverPendingNowAsync(LandingHost.Account);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("<div id=\"dead\"><b>2</b>dead letters</div>").And.Contain("allowed by the SSRF rules").And.Contain("HTTP 500 from the receiver");
        html.Should().NotContain("4155552671", "a dead letter is shown by its ids, never its payload");
        replay.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        replay.Headers.Location!.ToString().Should().Be("/secure-admin/webhooks?account=acme&replayed=1");
        nothing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        counts.Should().Match<OutboxCounts>(c => c.DeadLettered == 1 && c.Pending == 1);
        test.StatusCode.Should().Be(HttpStatusCode.OK);
        (await test.Content.ReadAsStringAsync()).Should().Contain("The test event was delivered: 200");
        delivered.Should().Be(1, "the replayed dead letter is due again");
        _receiver.Received.Should().Equal(["POST /hooks", "POST /hooks"], "the test event, then the replayed webhook, reached the receiver");
        (await _host.Outbox.CountAsync(LandingHost.Account)).Should().Match<OutboxCounts>(c => c.DeadLettered == 1 && c.Pending == 0 && c.Delivered == 1);
        var after = await (await _client.GetAsync("/secure-admin/webhooks?account=acme")).Content.ReadAsStringAsync();
        Regex.Matches(after, "<tr><td><time[^>]*>[^<]+</time></td><td>(delivered|dead letter|failed, retrying)</td>").Select(m => m.Groups[1].Value)
            .Should().Equal(["delivered", "dead letter"], "recent deliveries: the replayed one delivered last, the other still dead");
    }

    /// <summary>Opts the numbers out (each owes a webhook) and dead-letters their webhooks as a dispatcher would after its last retry.</summary>
    private Task<List<string>> DeadLettersAsync(params PhoneNumber[] numbers) => DeadLetters.CreateAsync(_host, numbers);

    private Task<HttpResponseMessage> PostAsync(string url, string token, string cookie, KeyValuePair<string, string>[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("account", "acme"), .. fields]),
        };
        request.Headers.Add("Cookie", cookie);
        return _client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
