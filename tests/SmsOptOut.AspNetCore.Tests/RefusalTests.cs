using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Numbers;
using SmsOptOut.Transport.Twilio;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// Every refusal of every endpoint — landing page, provider and JSON inbound, dashboard — fuzzed with the bad inputs of
/// the other tests plus oversized bodies streamed in chunks, over real Kestrel: each gets a deliberate status, a short
/// body and a log line of SmsOptOut at Information or Warning; none is an empty 200; and across all of them the logs
/// (ASP.NET Core's request logging included) hold no full number and no unhandled exception.
/// </summary>
public sealed partial class RefusalTests
{
    private static readonly PhoneNumber Sender = PhoneNumber.Parse("+14155552671");
    /// <summary>
    /// A number a client itself puts in a URL: ASP.NET Core's request logging writes it before any endpoint runs, so the
    /// logs are searched for <see cref="Sender"/> only, which travels in bodies, forms and SmsOptOut's own URLs.
    /// </summary>
    private static readonly PhoneNumber InClientUrl = PhoneNumber.Parse("+16465551300");

    [Fact]
    public async Task Every_refusal_of_the_landing_page_and_the_inbound_endpoints_is_deliberate_logged_and_holds_no_number()
    {
        await using var host = await LandingHost.StartAsync(o => o.PermitsPerMinutePerClient = 6);
        var token = await host.TokenAsync(Sender);
        var twilio = new Uri(host.BaseAddress, "/sms/inbound/twilio").ToString();
        var form = TwilioForm("STOP");
        var probes = new List<(string Name, Func<HttpRequestMessage> Request, HttpStatusCode Expected)>
        {
            ("twilio without a signature", () => Twilio(form, null), HttpStatusCode.Forbidden),
            ("twilio with a bad signature", () => Twilio(form, "bm90IGEgc2lnbmF0dXJl"), HttpStatusCode.Forbidden),
            ("twilio signed over another body", () => Twilio(form, TwilioRequestValidator.ComputeSignature(twilio, TwilioForm("Hello"), LandingHost.TwilioAuthToken)), HttpStatusCode.Forbidden),
            ("twilio as text/plain", () => new(HttpMethod.Post, "/sms/inbound/twilio") { Content = new StringContent("Body=STOP&From=%2B14155552671", Encoding.UTF8, "text/plain") },
                HttpStatusCode.UnsupportedMediaType),
            ("twilio GET without anything", () => new(HttpMethod.Get, "/sms/inbound/twilio?From=%2B16465551300&Body=STOP"), HttpStatusCode.Forbidden),
            ("an unregistered provider", () => new(HttpMethod.Post, "/sms/inbound/bandwidth") { Content = new FormUrlEncodedContent(form) }, HttpStatusCode.NotFound),
            ("an unknown account in the path", () => new(HttpMethod.Post, "/sms/inbound/twilio/initech") { Content = new FormUrlEncodedContent(form) }, HttpStatusCode.NotFound),
            ("twilio PUT", () => new(HttpMethod.Put, "/sms/inbound/twilio") { Content = new FormUrlEncodedContent(form) }, HttpStatusCode.MethodNotAllowed),
            ("twilio over 64 KiB, declared", () => new(HttpMethod.Post, "/sms/inbound/twilio") { Content = new FormUrlEncodedContent(Padded(form, 70_000)) }, HttpStatusCode.RequestEntityTooLarge),
            ("twilio over 64 KiB, chunked", () => Chunked("/sms/inbound/twilio", "application/x-www-form-urlencoded", "From=%2B14155552671&Body=STOP&pad=" + new string('p', 100_000)),
                HttpStatusCode.RequestEntityTooLarge),
            ("json without a secret", () => Json(new { from = "+14155552671", to = "+18005550100", body = "STOP" }, null), HttpStatusCode.Unauthorized),
            ("json with a wrong secret", () => Json(new { from = "+14155552671", to = "+18005550100", body = "STOP" }, "wrong-secret-wrong-secret-wrong-secret"), HttpStatusCode.Unauthorized),
            ("json that is not json", () => RawJson("{not json +14155552671"), HttpStatusCode.BadRequest),
            ("json without from", () => RawJson("{\"to\":\"+18005550100\",\"body\":\"STOP\"}"), HttpStatusCode.BadRequest),
            ("json from no number", () => Json(new { from = "call me", to = "+18005550100", body = "STOP" }), HttpStatusCode.BadRequest),
            ("json from a short code", () => Json(new { from = "12345", to = "+18005550100", body = "STOP" }), HttpStatusCode.BadRequest),
            ("json to no address", () => Json(new { from = "+14155552671", to = "ACME SHOES 24", body = "STOP" }), HttpStatusCode.BadRequest),
            ("json naming an unknown account", () => Json(new { from = "+14155552671", to = "+18005550100", body = "STOP", account = "someone-elses-account" }), HttpStatusCode.NotFound),
            ("json received in 2099", () => Json(new { from = "+14155552671", to = "+18005550100", body = "STOP", receivedAt = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) }),
                HttpStatusCode.BadRequest),
            ("json over 64 KiB, declared", () => Json(new { from = "+14155552671", to = "+18005550100", body = new string('x', 70_000) }), HttpStatusCode.RequestEntityTooLarge),
            ("json over 64 KiB, chunked", () => Chunked("/sms/inbound/json", "application/json", "{\"from\":\"+14155552671\",\"to\":\"+18005550100\",\"body\":\"" + new string('x', 100_000) + "\"}",
                LandingHost.SharedSecret), HttpStatusCode.RequestEntityTooLarge),
            ("json GET", () => new(HttpMethod.Get, "/sms/inbound/json"), HttpStatusCode.MethodNotAllowed),
            ("a link over 16 KiB, declared", () => new(HttpMethod.Post, $"/u/{token}") { Content = new FormUrlEncodedContent([new("action", "unsubscribe"), new("pad", new string('p', 20_000))]) },
                HttpStatusCode.RequestEntityTooLarge),
            ("a link over 16 KiB, chunked", () => Chunked($"/u/{token}", "application/x-www-form-urlencoded", "action=unsubscribe&pad=" + new string('p', 40_000)), HttpStatusCode.RequestEntityTooLarge),
            ("a link PUT", () => new(HttpMethod.Put, $"/u/{token}") { Content = new FormUrlEncodedContent([new("action", "unsubscribe")]) }, HttpStatusCode.MethodNotAllowed),
            ("a link DELETE", () => new(HttpMethod.Delete, $"/u/{token}"), HttpStatusCode.MethodNotAllowed),
            ("a tampered link", () => new(HttpMethod.Get, $"/u/{token[..^1]}{(token[^1] == 'A' ? 'B' : 'A')}"), HttpStatusCode.NotFound),
            ("an unknown link, posted", () => new(HttpMethod.Post, "/u/AAAAAAAAAA") { Content = new FormUrlEncodedContent([new("action", "unsubscribe")]) }, HttpStatusCode.NotFound),
            ("a huge link", () => new(HttpMethod.Get, "/u/" + new string('Z', 4_000)), HttpStatusCode.NotFound),
        };
        // The limiter counts only tokens that fail: three above, three more here, then the limit of 6 answers.
        probes.AddRange(Enumerable.Range(0, 3).Select(i => ($"a guessed link {i}", (Func<HttpRequestMessage>)(() => new(HttpMethod.Get, $"/u/guess{i}")), HttpStatusCode.NotFound)));
        probes.Add(("a guesser over the limit", () => new(HttpMethod.Get, "/u/guess-over"), HttpStatusCode.TooManyRequests));

        var failures = new List<string>();
        foreach (var (name, request, expected) in probes)
        {
            failures.AddRange(await ProbeAsync(host.Client, host.Logs, name, request, expected));
        }

        failures.Should().BeEmpty();
        (await host.HistoryAsync(Sender)).Should().BeEmpty("no refused request recorded anything");
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(Sender, LandingHost.SendingNumber);
        LogAssertions.FullNumbers(host.Logs, [InClientUrl]).Should().OnlyContain(f => f.Contains("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal),
            "only ASP.NET Core's request line holds what the client put in its URL");
    }

    [Fact]
    public async Task Every_refusal_of_the_dashboard_is_deliberate_logged_and_holds_no_number()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add(DashboardHost.UserHeader, "agent.smith");
        var lookup = await client.GetAsync("/secure-admin/numbers?account=acme");
        var cookie = lookup.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var token = Antiforgery().Match(await lookup.Content.ReadAsStringAsync()).Groups[1].Value;
        var looked = await client.SendAsync(Form("/secure-admin/numbers", cookie, [new("__RequestVerificationToken", token), new("account", "acme"), new("number", Sender.ToString())]));
        var page = await (await client.GetAsync(looked.Headers.Location)).Content.ReadAsStringAsync();
        var reference = System.Net.WebUtility.HtmlDecode(Reference().Match(page).Groups[1].Value);
        reference.Should().NotBeEmpty("the lookup's page carries the number's reference");

        KeyValuePair<string, string>[] Fields(string account, string? reference = null) =>
            [new("__RequestVerificationToken", token), new("account", account), new("ref", reference ?? string.Empty), new("note", "asked"), new("requestId", "ticket-1")];
        var probes = new List<(string Name, Func<HttpRequestMessage> Request, HttpStatusCode Expected)>
        {
            ("an opt-out form naming an unknown account", () => Form("/secure-admin/numbers/opt-out", cookie, Fields("initech", reference)), HttpStatusCode.NotFound),
            ("an erasure form naming an unknown account", () => Form("/secure-admin/numbers/erase", cookie, Fields("initech", reference)), HttpStatusCode.NotFound),
            ("a replay form naming an unknown account", () => Form("/secure-admin/webhooks/replay", cookie, Fields("initech")), HttpStatusCode.NotFound),
            ("a test-event form naming an unknown account", () => Form("/secure-admin/webhooks/test", cookie, Fields("initech")), HttpStatusCode.NotFound),
            ("a lookup form naming an unknown account", () => Form("/secure-admin/numbers", cookie, [new("__RequestVerificationToken", token), new("account", "initech"), new("number", Sender.ToString())]),
                HttpStatusCode.NotFound),
            ("a lookup of no number", () => Form("/secure-admin/numbers", cookie, [new("__RequestVerificationToken", token), new("account", "acme"), new("number", "call me at 415 555 26")]),
                HttpStatusCode.BadRequest),
            ("a form without the antiforgery token", () => Form("/secure-admin/numbers/opt-out", null, [new("account", "acme"), new("number", Sender.ToString()), new("note", "forged")]),
                HttpStatusCode.BadRequest),
            ("a form with a tampered reference", () => Form("/secure-admin/numbers/opt-out", cookie, Fields("acme", reference[..^2] + "xx")), HttpStatusCode.BadRequest),
            ("a form with a number instead of a reference", () => Form("/secure-admin/numbers/opt-out", cookie, [.. Fields("acme"), new("number", Sender.ToString())]), HttpStatusCode.BadRequest),
            ("a number in the URL", () => new(HttpMethod.Get, "/secure-admin/numbers?account=acme&number=%2B16465551300"), HttpStatusCode.BadRequest),
            ("an access download with a number", () => new(HttpMethod.Get, "/secure-admin/numbers/access?account=acme&number=%2B16465551300"), HttpStatusCode.NotFound),
            ("another user's reference", () => WithUser(new(HttpMethod.Get, $"/secure-admin/numbers?account=acme&ref={Uri.EscapeDataString(reference)}"), "someone.else"), HttpStatusCode.NotFound),
            ("an unknown account's overview", () => new(HttpMethod.Get, "/secure-admin/?account=initech"), HttpStatusCode.NotFound),
            ("a form too large to read, chunked", () => ChunkedForm("/secure-admin/numbers/opt-out", cookie, $"__RequestVerificationToken={token}&account=acme&note=" + new string('n', 5_000_000)),
                HttpStatusCode.BadRequest),
            ("the unprotected dashboard from another machine", () => WithHeader(new(HttpMethod.Get, "/optout-admin/?account=acme"), "X-Forwarded-For", "203.0.113.9"), HttpStatusCode.Forbidden),
            ("the protected dashboard, anonymous", () => WithUser(new(HttpMethod.Get, "/secure-admin/?account=acme"), null), HttpStatusCode.Unauthorized),
        };

        var failures = new List<string>();
        foreach (var (name, request, expected) in probes)
        {
            // Authorization's own 401 is ASP.NET Core's answer, logged by it; every other refusal is the dashboard's.
            failures.AddRange(await ProbeAsync(client, host.Logs, name, request, expected, requireOwnLog: expected != HttpStatusCode.Unauthorized));
        }

        failures.Should().BeEmpty();
        (await host.HistoryAsync(Sender)).Should().BeEmpty("no refused form changed anything");
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(Sender);
        LogAssertions.FullNumbers(host.Logs, [InClientUrl]).Should().NotBeEmpty("the search works: the client's own URL is in the request log")
            .And.OnlyContain(f => f.Contains("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal), "the dashboard refused it and wrote it nowhere");
    }

    [Fact]
    public void The_log_search_finds_a_number_in_any_format_and_not_a_masked_one()
    {
        var logs = new FakeLogCollector();
        var logger = new FakeLogger(logs, "test");
        foreach (var line in new[]
        {
            "Request starting HTTP/1.1 GET http://127.0.0.1:5000/admin/numbers?account=acme&number=%2B1%20(415)%20555-2671 - - -",
            $"a masked {Sender.ToMaskedString()} and a port 127.0.0.1:41555",
            "typed as 415.555.2671",
        })
        {
            logger.Log(LogLevel.Information, new EventId(1), line, null, (text, _) => text);
        }

        LogAssertions.FullNumbers(logs, [Sender]).Should().HaveCount(2).And.OnlyContain(f => f.Contains("…4155552671", StringComparison.Ordinal));
    }

    /// <summary>Sends one probe and says what is wrong with its answer: the status, an empty body, no log line of SmsOptOut at Information or Warning.</summary>
    private static async Task<List<string>> ProbeAsync(HttpClient client, FakeLogCollector logs, string name, Func<HttpRequestMessage> request, HttpStatusCode expected, bool requireOwnLog = true)
    {
        var failures = new List<string>();
        var before = logs.GetSnapshot().Count;
        using var sent = request();
        using var response = await client.SendAsync(sent);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            failures.Add($"{name}: {(int)response.StatusCode} instead of {(int)expected}: {body[..Math.Min(body.Length, 300)]}");
        }

        if (body.Trim().Length == 0 && expected != HttpStatusCode.Unauthorized)
        {
            failures.Add($"{name}: an empty body");
        }

        if (body.Length > 20_000)
        {
            failures.Add($"{name}: a body of {body.Length} characters is not short");
        }

        var lines = logs.GetSnapshot().Skip(before)
            .Where(r => r.Category?.StartsWith("SmsOptOut.AspNetCore", StringComparison.Ordinal) == true && r.Level is LogLevel.Information or LogLevel.Warning).ToList();
        if (requireOwnLog && lines.Count == 0)
        {
            failures.Add($"{name}: no log line of SmsOptOut at Information or Warning");
        }

        return failures;
    }

    private static Dictionary<string, string> TwilioForm(string body) => new()
    {
        ["MessageSid"] = "SM0123456789abcdef0123456789abcdef", ["AccountSid"] = LandingHost.TwilioAccountSid, ["From"] = Sender.ToString(),
        ["To"] = LandingHost.SendingNumber.ToString(), ["Body"] = body, ["NumMedia"] = "0",
    };

    private static Dictionary<string, string> Padded(Dictionary<string, string> form, int size) => new(form) { ["pad"] = new string('p', size) };

    private static HttpRequestMessage Twilio(Dictionary<string, string> form, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/twilio") { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(TwilioRequestValidator.SignatureHeader, signature);
        }

        return request;
    }

    private static HttpRequestMessage Json(object body, string? secret = LandingHost.SharedSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms/inbound/json") { Content = JsonContent.Create(body) };
        if (secret is not null)
        {
            request.Headers.Add("X-SmsOptOut-Secret", secret);
        }

        return request;
    }

    private static HttpRequestMessage RawJson(string json) => WithHeader(
        new(HttpMethod.Post, "/sms/inbound/json") { Content = new StringContent(json, Encoding.UTF8, "application/json") }, "X-SmsOptOut-Secret", LandingHost.SharedSecret);

    /// <summary>A body streamed in chunks, with no length declared: the endpoint finds out its size only by reading it.</summary>
    private static HttpRequestMessage Chunked(string url, string contentType, string body, string? secret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.TransferEncodingChunked = true;
        if (secret is not null)
        {
            request.Headers.Add("X-SmsOptOut-Secret", secret);
        }

        return request;
    }

    private static HttpRequestMessage ChunkedForm(string url, string cookie, string body) =>
        WithHeader(Chunked(url, "application/x-www-form-urlencoded", body), "Cookie", cookie);

    private static HttpRequestMessage Form(string url, string? cookie, KeyValuePair<string, string>[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        return cookie is null ? request : WithHeader(request, "Cookie", cookie);
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Add(name, value);
        return request;
    }

    /// <summary>The request as <paramref name="user"/>, or anonymous: a header the request sets is not merged with the client's default.</summary>
    private static HttpRequestMessage WithUser(HttpRequestMessage request, string? user)
    {
        request.Headers.TryAddWithoutValidation(DashboardHost.UserHeader, user ?? string.Empty);
        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("name=\"ref\" value=\"([^\"]+)\"")]
    private static partial Regex Reference();
}
