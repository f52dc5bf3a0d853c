using System.Net;
using System.Net.Sockets;
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
    private readonly HttpListener _receiver = new();
    private readonly List<string> _received = [];
    private LandingHost _host = null!;
    private HttpClient _client = null!;
    private Task _receiving = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        _receiver.Start();
        _receiving = Task.Run(async () =>
        {
            while (_receiver.IsListening)
            {
                try
                {
                    var context = await _receiver.GetContextAsync();
                    lock (_received)
                    {
                        _received.Add(context.Request.HttpMethod + " " + context.Request.Url!.AbsolutePath);
                    }

                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        });
        _host = await DashboardHost.StartAsync(o =>
        {
            o.Webhooks.CallbackUrl = new Uri($"http://127.0.0.1:{port}/hooks");
            o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true;
        });
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _host.BaseAddress };
        _client.DefaultRequestHeaders.Add(DashboardHost.UserHeader, "agent.smith");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        _receiver.Stop();
        _receiver.Close();
        await _receiving;
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
        _received.Should().Equal(["POST /hooks", "POST /hooks"], "the test event, then the replayed webhook, reached the receiver");
        (await _host.Outbox.CountAsync(LandingHost.Account)).Should().Match<OutboxCounts>(c => c.DeadLettered == 1 && c.Pending == 0 && c.Delivered == 1);
        var after = await (await _client.GetAsync("/secure-admin/webhooks?account=acme")).Content.ReadAsStringAsync();
        Regex.Matches(after, "<tr><td>[^<]+</td><td>(delivered|dead letter|failed, retrying)</td>").Select(m => m.Groups[1].Value)
            .Should().Equal(["delivered", "dead letter"], "recent deliveries: the replayed one delivered last, the other still dead");
    }

    /// <summary>Opts the numbers out (each owes a webhook) and dead-letters their webhooks as a dispatcher would after its last retry.</summary>
    private async Task<List<string>> DeadLettersAsync(params PhoneNumber[] numbers)
    {
        foreach (var number in numbers)
        {
            await _host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(LandingHost.Account, number, OptOutSource.Keyword));
        }

        var now = DateTimeOffset.UtcNow;
        var claimed = await _host.Outbox.ClaimDueAsync("test", now.AddMinutes(1), TimeSpan.FromMinutes(5), 10);
        foreach (var message in claimed)
        {
            (await _host.Outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, "test", OutboxMessageState.DeadLettered, 8, now, now, "HTTP 500 from the receiver"))).Should().BeTrue();
        }

        return [.. claimed.Select(m => m.Id)];
    }

    private Task<HttpResponseMessage> PostAsync(string url, string token, string cookie, KeyValuePair<string, string>[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("account", "acme"), .. fields]),
        };
        request.Headers.Add("Cookie", cookie);
        return _client.SendAsync(request);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
