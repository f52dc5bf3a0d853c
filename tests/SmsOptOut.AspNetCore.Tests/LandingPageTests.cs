using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Webhooks;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>The opt-out link's landing page over real Kestrel on 127.0.0.1, with SQLite storage.</summary>
public sealed class LandingPageTests : IAsyncLifetime
{
    private static readonly PhoneNumber Number = PhoneNumber.Parse("+4917612345678");
    private LandingHost _host = null!;

    public async Task InitializeAsync() => _host = await LandingHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_shows_the_masked_number_and_the_encoded_display_name_and_changes_nothing()
    {
        var token = await _host.TokenAsync(Number);

        var response = await _host.Client.GetAsync($"/u/{token}");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("+49 ••• ••• 5678").And.NotContain("12345678");
        html.Should().Contain("Acme &lt;Shoes&gt; &amp; Co").And.NotContain("<Shoes>");
        html.Should().Contain("<form method=\"post\">").And.Contain(">Unsubscribe</button>");
        (await _host.IsSuppressedAsync(Number)).Should().BeFalse();
        (await _host.HistoryAsync(Number)).Should().BeEmpty();
        (await _host.Outbox.CountAsync()).Should().Be(new OutboxCounts(0, 0, 0));
    }

    [Fact]
    public async Task Without_a_display_name_the_page_shows_the_name_the_messages_carry()
    {
        await using var host = await LandingHost.StartAsync(o => o.DisplayName = null, core: o => o.Sending.SenderIdentity.Name = "Acme Outdoor & Co");
        var token = await host.TokenAsync(PhoneNumber.Parse("+14155550142"));

        var page = await host.Client.GetStringAsync($"/u/{token}");

        page.Should().Contain("Acme Outdoor &amp; Co");
    }

    [Fact]
    public async Task Link_previews_and_other_methods_never_opt_anyone_out()
    {
        var token = await _host.TokenAsync(Number);
        var statuses = new List<string>();

        // What chat apps and mail scanners send when a link is pasted or received: GETs with their user agents, HEADs.
        foreach (var agent in new[] { "facebookexternalhit/1.1", "WhatsApp/2.23.20.0", "Slackbot-LinkExpanding 1.0", "TelegramBot (like TwitterBot)", "Mozilla/5.0 (compatible; Google-Safety)" })
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var request = new HttpRequestMessage(method, $"/u/{token}");
                request.Headers.TryAddWithoutValidation("User-Agent", agent);
                using var response = await _host.Client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                statuses.Add($"{method} {(int)response.StatusCode}");
                if (method == HttpMethod.Head)
                {
                    body.Should().BeEmpty("a HEAD response has headers only");
                    response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
                }
                else
                {
                    body.Should().Contain(">Unsubscribe</button>");
                }
            }
        }

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options })
        {
            using var request = new HttpRequestMessage(method, $"/u/{token}") { Content = Form(("action", "unsubscribe")) };
            using var response = await _host.Client.SendAsync(request);
            statuses.Add($"{method} {(int)response.StatusCode}");
        }

        statuses.Should().Equal(
            Enumerable.Repeat(new[] { "GET 200", "HEAD 200" }, 5).SelectMany(pair => pair)
                .Concat(["PUT 405", "DELETE 405", "PATCH 405", "OPTIONS 405"]),
            "GET and HEAD show the page, only POST changes anything, every other method is refused");
        (await _host.IsSuppressedAsync(Number)).Should().BeFalse();
        (await _host.HistoryAsync(Number)).Should().BeEmpty();
        (await _host.Outbox.CountAsync()).Should().Be(new OutboxCounts(0, 0, 0));
    }

    [Fact]
    public async Task Post_opts_out_with_link_evidence_and_enqueues_the_webhook()
    {
        var token = await _host.TokenAsync(Number);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/u/{token}") { Content = Form(("action", "unsubscribe")) };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TestPhone", "1.0"));

        var response = await _host.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("You are unsubscribed").And.Contain("+49 ••• ••• 5678").And.Contain("value=\"resubscribe\"");
        (await _host.IsSuppressedAsync(Number)).Should().BeTrue();
        var history = await _host.HistoryAsync(Number);
        history.Should().ContainSingle();
        history[0].Source.Should().Be(OptOutSource.OptOutLink);
        history[0].Kind.Should().Be(ConsentKind.OptOut);
        history[0].Evidence.LinkToken.Should().Be(token);
        history[0].Evidence.UserAgent.Should().Be("TestPhone/1.0");
        history[0].Evidence.IpAddress.Should().Be("127.0.0.1");
        (await _host.Outbox.CountAsync()).Pending.Should().Be(1, "the account's callback URL is owed the opt-out");
    }

    [Fact]
    public async Task Repeating_the_post_changes_nothing()
    {
        var token = await _host.TokenAsync(Number);

        var first = await _host.Client.PostAsync($"/u/{token}", Form(("action", "unsubscribe")));
        var second = await _host.Client.PostAsync($"/u/{token}", Form(("action", "unsubscribe")));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).Should().Contain("You are unsubscribed");
        (await _host.HistoryAsync(Number)).Should().ContainSingle();
        (await _host.Outbox.CountAsync()).Pending.Should().Be(1);
    }

    [Fact]
    public async Task A_one_click_post_opts_out()
    {
        var token = await _host.TokenAsync(Number);

        var response = await _host.Client.PostAsync($"/u/{token}", Form(("List-Unsubscribe", "One-Click")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _host.IsSuppressedAsync(Number)).Should().BeTrue();
    }

    [Fact]
    public async Task I_changed_my_mind_right_after_opting_out_undoes_the_opt_out()
    {
        var token = await _host.TokenAsync(Number);
        var confirmation = await (await _host.Client.PostAsync($"/u/{token}", Form(("action", "unsubscribe")))).Content.ReadAsStringAsync();

        var response = await _host.Client.PostAsync($"/u/{token}", Form(("action", "resubscribe"), ("undo", UndoCode(confirmation))));

        (await response.Content.ReadAsStringAsync()).Should().Contain("You are subscribed again").And.Contain("value=\"unsubscribe\"");
        (await _host.IsSuppressedAsync(Number)).Should().BeFalse();
        var history = await _host.HistoryAsync(Number);
        history.Select(e => e.Kind).Should().Equal(ConsentKind.OptOut, ConsentKind.OptIn);
        history[1].Evidence.LinkToken.Should().Be(token);
        history[1].Evidence.Note.Should().Be("undid the opt-out on the landing page");
    }

    [Fact]
    public async Task Anyone_who_only_has_the_link_cannot_re_subscribe_its_owner()
    {
        var token = await _host.TokenAsync(Number);
        var confirmation = await (await _host.Client.PostAsync($"/u/{token}", Form(("action", "unsubscribe")))).Content.ReadAsStringAsync();
        var code = UndoCode(confirmation);

        // A scanner or a log reader has the URL, not the confirmation page: a bare re-subscribe, a guessed code, and
        // a repeated opt-out (whose page would show a code) all leave the opt-out standing.
        var bare = await _host.Client.PostAsync($"/u/{token}", Form(("action", "resubscribe")));
        var guessed = await _host.Client.PostAsync($"/u/{token}", Form(("action", "resubscribe"), ("undo", new string('0', 32))));
        var repeated = await (await _host.Client.PostAsync($"/u/{token}", Form(("action", "unsubscribe")))).Content.ReadAsStringAsync();
        var opened = await (await _host.Client.GetAsync($"/u/{token}")).Content.ReadAsStringAsync();

        (await bare.Content.ReadAsStringAsync()).Should().Contain("You are unsubscribed").And.NotContain("resubscribe");
        (await guessed.Content.ReadAsStringAsync()).Should().Contain("You are unsubscribed").And.NotContain("resubscribe");
        repeated.Should().Contain("You are unsubscribed").And.NotContain("resubscribe").And.NotContain(code);
        opened.Should().NotContain(code);
        (await _host.IsSuppressedAsync(Number)).Should().BeTrue();
        (await _host.HistoryAsync(Number)).Should().ContainSingle();
    }

    [Fact]
    public async Task After_the_undo_window_the_page_offers_no_re_subscribe_and_a_post_of_it_changes_nothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await LandingHost.StartAsync(o => o.ResubscribeWindow = TimeSpan.FromMinutes(5), time: time);
        var token = await host.TokenAsync(Number);
        var confirmation = await (await host.Client.PostAsync($"/u/{token}", Form(("action", "unsubscribe")))).Content.ReadAsStringAsync();
        var code = UndoCode(confirmation);

        time.Advance(TimeSpan.FromMinutes(5));
        var late = await host.Client.PostAsync($"/u/{token}", Form(("action", "resubscribe"), ("undo", code)));

        var html = await late.Content.ReadAsStringAsync();
        late.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("You are unsubscribed").And.NotContain("<form");
        (await host.IsSuppressedAsync(Number)).Should().BeTrue();
        (await host.HistoryAsync(Number)).Should().ContainSingle();
    }

    [Fact]
    public async Task An_undo_cannot_reverse_a_later_opt_out_from_another_channel()
    {
        var token = await _host.TokenAsync(Number);
        var confirmation = await (await _host.Client.PostAsync($"/u/{token}", Form(("action", "unsubscribe")))).Content.ReadAsStringAsync();
        var optOut = (SmsOptOut.Consent.IOptOutService)_host.Services.GetService(typeof(SmsOptOut.Consent.IOptOutService))!;
        await optOut.OptInAsync(new ConsentRequest(LandingHost.Account, Number, OptOutSource.Api));
        await optOut.OptOutAsync(new ConsentRequest(LandingHost.Account, Number, OptOutSource.Keyword));

        await _host.Client.PostAsync($"/u/{token}", Form(("action", "resubscribe"), ("undo", UndoCode(confirmation))));

        (await _host.IsSuppressedAsync(Number)).Should().BeTrue("the STOP came after the link's opt-out, and the undo only reverses the link's own");
        (await _host.HistoryAsync(Number)).Should().HaveCount(3);
    }

    [Fact]
    public async Task With_no_undo_window_the_confirmation_offers_no_re_subscribe()
    {
        await using var host = await LandingHost.StartAsync(o => o.ResubscribeWindow = TimeSpan.Zero);
        var token = await host.TokenAsync(Number);

        var html = await (await host.Client.PostAsync($"/u/{token}", Form(("action", "unsubscribe")))).Content.ReadAsStringAsync();

        html.Should().Contain("You are unsubscribed").And.NotContain("<form");
    }

    public static TheoryData<string, HttpContent> OddBodies() => new()
    {
        { "nine fields", Form(Enumerable.Range(0, 9).Select(i => ($"field{i}", "x")).ToArray()) },
        { "a value of 257 characters", Form(("action", "unsubscribe"), ("note", new string('v', 257))) },
        { "a key of 65 characters", Form((new string('k', 65), "x")) },
        { "a multipart body", Multipart(("action", "unsubscribe")) },
        { "a multipart re-subscribe", Multipart(("action", "resubscribe")) },
        { "a malformed multipart body", Broken() },
        { "JSON", new StringContent("{\"action\":\"resubscribe\"}", System.Text.Encoding.UTF8, "application/json") },
        { "plain text", new StringContent("please unsubscribe me", System.Text.Encoding.UTF8, "text/plain") },
        { "a form with two actions", Form(("action", "resubscribe"), ("action", "unsubscribe")) },
        { "a malformed form", new StringContent("action=%zz&&==", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") },
    };

    [Theory]
    [MemberData(nameof(OddBodies))]
    public async Task A_valid_tokens_post_opts_out_whatever_else_the_body_carries(string body, HttpContent content)
    {
        var token = await _host.TokenAsync(Number);

        var response = await _host.Client.PostAsync($"/u/{token}", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        (await response.Content.ReadAsStringAsync()).Should().Contain("You are unsubscribed");
        (await _host.IsSuppressedAsync(Number)).Should().BeTrue(body);
    }

    [Fact]
    public async Task A_body_over_16_KiB_is_refused_before_it_is_read_and_nothing_is_recorded()
    {
        var token = await _host.TokenAsync(Number);

        var declared = await _host.Client.PostAsync($"/u/{token}", Form(("action", "unsubscribe"), ("pad", new string('p', 20_000))));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, $"/u/{token}")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes("action=unsubscribe&pad=" + new string('p', 20_000)))),
        };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        chunked.Headers.TransferEncodingChunked = true;
        var streamed = await _host.Client.SendAsync(chunked);

        declared.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        streamed.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await _host.IsSuppressedAsync(Number)).Should().BeFalse();
        (await _host.HistoryAsync(Number)).Should().BeEmpty();
    }

    [Fact]
    public async Task Tampered_unknown_and_huge_tokens_get_the_same_neutral_404_and_nothing_is_recorded()
    {
        var token = await _host.TokenAsync(Number);
        var tampered = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
        string[] bad = [tampered, "AAAAAAAAAA", new string('x', 2_000), "!!~~!!"];

        var bodies = new List<string>();
        foreach (var t in bad)
        {
            var get = await _host.Client.GetAsync($"/u/{t}");
            var post = await _host.Client.PostAsync($"/u/{t}", Form(("action", "unsubscribe")));
            get.StatusCode.Should().Be(HttpStatusCode.NotFound, t);
            post.StatusCode.Should().Be(HttpStatusCode.NotFound, t);
            bodies.Add(await get.Content.ReadAsStringAsync());
            bodies.Add(await post.Content.ReadAsStringAsync());
        }

        bodies.Distinct().Should().ContainSingle("an unknown, an expired and a tampered token look the same");
        bodies[0].Should().Contain("Link not found").And.NotContain("<form");
        (await _host.IsSuppressedAsync(Number)).Should().BeFalse();
        (await _host.Outbox.CountAsync()).Should().Be(new OutboxCounts(0, 0, 0));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_page_carries_the_security_headers_and_no_script(bool validToken)
    {
        var token = validToken ? await _host.TokenAsync(Number) : "not-a-token";

        var response = await _host.Client.GetAsync($"/u/{token}");
        var html = await response.Content.ReadAsStringAsync();

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'none'").And.Contain("frame-ancestors 'none'").And.Contain("form-action 'self'")
            .And.NotContain("unsafe-inline").And.NotContain("script-src");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        html.Should().NotContainAny("<script", "http://", "https://");
    }

    [Fact]
    public async Task Opening_a_link_in_another_language_shows_the_translated_page()
    {
        await using var host = await LandingHost.StartAsync(pipeline: app => app.UseRequestLocalization("en", "fr", "de"));
        var token = await host.TokenAsync(Number);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/u/{token}");
        request.Headers.AcceptLanguage.ParseAdd("fr-CA,fr;q=0.9");

        var html = await (await host.Client.SendAsync(request)).Content.ReadAsStringAsync();

        html.Should().Contain("<html lang=\"fr\">").And.Contain("Se désabonner");
    }

    internal static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>The undo code a confirmation page carries.</summary>
    internal static string UndoCode(string confirmation)
    {
        var match = System.Text.RegularExpressions.Regex.Match(confirmation, "name=\"undo\" value=\"([0-9a-f]{32})\"");
        match.Success.Should().BeTrue("the confirmation of a fresh opt-out offers the undo");
        return match.Groups[1].Value;
    }

    private static MultipartFormDataContent Multipart(params (string Key, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        return content;
    }

    private static StringContent Broken()
    {
        var content = new StringContent("--broken\r\nno headers here", null, "multipart/form-data");
        content.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("boundary", "broken"));
        return content;
    }
}
