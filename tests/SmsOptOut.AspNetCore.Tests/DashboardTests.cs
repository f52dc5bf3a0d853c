using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>The dashboard over real Kestrel: the overview's numbers, the lookup and its actions, and who may see or change anything.</summary>
public sealed partial class DashboardTests : IAsyncLifetime
{
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");
    private LandingHost _host = null!;
    private HttpClient _noRedirects = null!;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync();
        _noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _noRedirects.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task The_overview_counts_the_days_opt_outs_and_opt_ins_and_the_webhooks_owed()
    {
        var today = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await _host.Store.ApplyAsync(Event(PhoneNumber.Parse($"+1415555270{i}"), ConsentKind.OptOut, OptOutSource.Keyword, today), []);
        }

        await _host.Store.ApplyAsync(Event(PhoneNumber.Parse("+14155552709"), ConsentKind.OptOut, OptOutSource.OptOutLink, today.AddDays(-2)), []);
        await _host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.Api));

        var response = await _host.Client.GetAsync("/optout-admin/?account=acme&days=7");
        var page = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none'; style-src 'sha256-").And.NotContain("script");
        Bar(page, "bar", today).Should().Be(4, "three keyword opt-outs and one through the API today");
        Bar(page, "bar", today.AddDays(-2)).Should().Be(1);
        Bar(page, "bar-in", today).Should().Be(0);
        page.Should().Contain("<div id=\"suppressed\"><b>5</b>suppressions now</div>").And.Contain("<div id=\"opt-outs\"><b>5</b>opt-outs in 7 days</div>").And.Contain("<div id=\"webhooks-owed\"><b>1</b>webhooks owed</div>", "only the opt-out through the service owes a webhook");
        page.Should().Contain($"<tr data-day=\"{today:yyyy-MM-dd}\"><td>{today:yyyy-MM-dd}</td><td class=\"n\">0</td><td class=\"n\">3</td><td class=\"n\">1</td>");
    }

    [Fact]
    public async Task A_lookup_shows_the_number_its_log_with_evidence_and_an_opt_out_with_a_note_is_recorded_with_who_did_it()
    {
        await _host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.Keyword)
        {
            Evidence = new ConsentEvidence { MessageText = "STOP <now>" },
        });
        await _host.Services.GetRequiredService<IOptOutService>().OptInAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.Keyword));

        var (lookup, page, redirect, cookie) = await LookUpAsync("+1 (415) 555-2671", "agent.smith");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var reference = Reference(page);
        var noNote = await PostAsync("/secure-admin/numbers/opt-out", token, cookie, "", reference, user: "agent.smith");
        var optOut = await PostAsync("/secure-admin/numbers/opt-out", token, cookie, "called support, asked to stop", reference, user: "agent.smith");

        lookup.StatusCode.Should().Be(HttpStatusCode.OK);
        redirect.Should().StartWith("/secure-admin/numbers?account=acme&ref=").And.NotContain("2671", "the lookup form posts the number; the page's URL carries a reference");
        page.Should().Contain("<h2>+14155552671</h2>").And.Contain("Not suppressed account-wide.").And.Contain("STOP &lt;now&gt;");
        page.Should().MatchRegex("<p id=\"opt-in\">Opt-in: opted in[^<]*; express consent, since <time datetime=\"[^\"]+\">[0-9-]+ [0-9:]+ UTC</time>; does not expire</p>", "the START is express consent");
        noNote.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noNote.Content.ReadAsStringAsync()).Should().Contain("A note of 1 to 500 characters is required");
        optOut.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        optOut.Headers.Location!.ToString().Should().StartWith("/secure-admin/numbers?account=acme&ref=").And.NotContain("2671");
        (await _host.IsSuppressedAsync(Person)).Should().BeTrue();
        var recorded = (await _host.HistoryAsync(Person)).Last();
        recorded.Should().Match<ConsentEvent>(e => e.Source == OptOutSource.Api && e.Evidence.Note == "called support, asked to stop (recorded by agent.smith in the dashboard)");
    }

    [Fact]
    public async Task The_lookup_and_the_list_show_a_pause_with_its_end_and_the_lists_left_in_the_preference_center()
    {
        var service = _host.Services.GetRequiredService<IOptOutService>();
        var until = new DateTimeOffset(2031, 1, 6, 9, 30, 0, TimeSpan.Zero);
        await service.OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.OptOutLink) { Scope = SuppressionScope.List, List = new ListId("offers") });
        await service.OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.OptOutLink) { PausedUntil = until });

        var (_, page, _, _) = await LookUpAsync("+1 (415) 555-2671", "agent.smith");
        var list = await (await GetAsync("/secure-admin/suppressions?account=acme", user: "agent.smith")).Content.ReadAsStringAsync();

        page.Should().MatchRegex("<li>whole account: paused until <time datetime=\"2031-01-06T09:30:00Z\">2031-01-06 09:30 UTC</time>, since ")
            .And.Contain("<li>list offers: since ")
            .And.Contain("<td>pause until <time datetime=\"2031-01-06T09:30:00Z\">")
            .And.Contain("<td>list offers</td>");
        list.Should().Contain("<td>whole account, paused until <time datetime=\"2031-01-06T09:30:00Z\">2031-01-06 09:30 UTC</time></td>").And.Contain("<td>list offers</td>");
    }

    [Fact]
    public async Task The_lookup_and_the_access_report_show_what_a_consent_rests_on_and_when_it_expires()
    {
        var purchase = DateTimeOffset.UtcNow.AddMonths(-1);
        await _host.Services.GetRequiredService<OptIn.IOptInService>().RecordOptInAsync(new OptIn.OptInRequest(LandingHost.Account, Person)
        {
            Basis = OptIn.ConsentBasis.Purchase, BasisAt = purchase,
        });
        var expires = purchase.UtcDateTime.AddMonths(18);

        var (_, page, _, _) = await LookUpAsync("+14155552671", "agent.smith");
        var accessUrl = System.Net.WebUtility.HtmlDecode(Regex.Match(page, "id=\"access\" href=\"([^\"]+)\"").Groups[1].Value);
        var access = await (await GetAsync(accessUrl, user: "agent.smith")).Content.ReadAsStringAsync();

        page.Should().Contain($"; implied by a purchase, since <time datetime=\"{purchase.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z\">{purchase.UtcDateTime:yyyy-MM-dd HH:mm} UTC</time>; expires <time datetime=\"{expires:yyyy-MM-ddTHH:mm:ss}Z\">{expires:yyyy-MM-dd HH:mm} UTC</time></p>",
            "a purchase is an established business relationship for 18 months (47 CFR 64.1200(f)(5))");
        var optIn = System.Text.Json.JsonDocument.Parse(access).RootElement.GetProperty("opt_in");
        optIn.GetProperty("basis").GetString().Should().Be("Purchase");
        optIn.GetProperty("consent_expires_at").GetDateTimeOffset().Should().BeCloseTo(expires, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task From_the_lookup_the_access_report_downloads_and_an_erasure_keeps_the_number_suppressed()
    {
        await _host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.Keyword)
        {
            Evidence = new ConsentEvidence { MessageText = "STOP please" },
        });
        var (_, page, _, cookie) = await LookUpAsync("+14155552671", "agent.smith");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var accessUrl = System.Net.WebUtility.HtmlDecode(Regex.Match(page, "id=\"access\" href=\"([^\"]+)\"").Groups[1].Value);

        var access = await GetAsync(accessUrl, user: "agent.smith");
        var accessOfAnother = await GetAsync(accessUrl, user: "someone.else");
        var noReference = await PostAsync("/secure-admin/numbers/erase", token, cookie, note: "", Reference(page), user: "agent.smith");
        var erase = await PostAsync("/secure-admin/numbers/erase", token, cookie, note: "", Reference(page), user: "agent.smith", extra: [new("requestId", "ticket-42")]);
        var erased = await GetAsync(erase.Headers.Location!.ToString(), user: "agent.smith");
        var report = await GetAsync("/secure-admin/report?account=acme", user: "agent.smith");

        accessUrl.Should().StartWith("/secure-admin/numbers/access?account=acme&ref=").And.NotContain("2671");
        access.StatusCode.Should().Be(HttpStatusCode.OK);
        accessOfAnother.StatusCode.Should().Be(HttpStatusCode.NotFound, "a reference is bound to the user who looked the number up");
        access.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be("access-acme-2671.json");
        (await access.Content.ReadAsStringAsync()).Should().Contain("STOP please");
        noReference.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        erase.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        erase.Headers.Location!.ToString().Should().NotContain("ticket-42", "the request id travels inside the reference").And.NotContain("2671");
        (await erased.Content.ReadAsStringAsync()).Should().Contain("Erased (request ticket-42)");
        (await _host.IsSuppressedAsync(Person)).Should().BeTrue("an erased number stays suppressed");
        (await _host.HistoryAsync(Person)).Should().BeEmpty();
        (await report.Content.ReadAsStringAsync()).Should().Contain("This account has no report settings");
        page.Should().Contain("<ul id=\"scopes\"><li>whole account: since <time datetime=\"").And.Contain(", by keyword reply</li>");
    }

    [Fact]
    public async Task A_number_reference_expires_after_30_minutes_and_a_form_naming_an_unknown_account_is_refused()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DashboardHost.StartAsync(time: time);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
        var swap = (_host, _noRedirects);
        (_host, _noRedirects) = (host, noRedirects);
        try
        {
            var (_, page, url, cookie) = await LookUpAsync("+14155552671", "agent.smith");
            var token = AntiforgeryField().Match(page).Groups[1].Value;
            var unknownAccount = await PostAsync("/secure-admin/numbers/opt-out", token, cookie, "asked", Reference(page), user: "agent.smith", account: "initech");
            time.Advance(TimeSpan.FromMinutes(29));
            var stillValid = await GetAsync(url, user: "agent.smith");
            time.Advance(TimeSpan.FromMinutes(2));
            var expired = await GetAsync(url, user: "agent.smith");
            var lateForm = await PostAsync("/secure-admin/numbers/opt-out", token, cookie, "asked", Reference(page), user: "agent.smith");

            unknownAccount.StatusCode.Should().Be(HttpStatusCode.NotFound, "a form naming an account the dashboard does not show is refused, not answered with an empty 200");
            (await unknownAccount.Content.ReadAsStringAsync()).Should().Contain("This dashboard shows no such account; nothing was changed.");
            stillValid.StatusCode.Should().Be(HttpStatusCode.OK);
            expired.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await expired.Content.ReadAsStringAsync()).Should().Contain("has expired").And.Contain("look the number up again");
            lateForm.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await host.HistoryAsync(Person)).Should().BeEmpty("neither refused form changed anything");
            host.Logs.GetSnapshot().Where(r => r.Id.Id == 2011).Select(r => r.Message).Should().HaveCount(3)
                .And.Contain(m => m.Contains("an account the dashboard does not show", StringComparison.Ordinal))
                .And.Contain(m => m.Contains("expired", StringComparison.Ordinal));
        }
        finally
        {
            (_host, _noRedirects) = swap;
        }
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_changes_nothing()
    {
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/optout-admin/numbers/opt-out")
        {
            Content = new FormUrlEncodedContent([new("account", "acme"), new("number", Person.ToString()), new("note", "cross-site")]),
        };
        forged.Headers.Add("Origin", "https://evil.example");

        var response = await _host.Client.SendAsync(forged);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("antiforgery check failed");
        (await _host.IsSuppressedAsync(Person)).Should().BeFalse();
    }

    [Fact]
    public async Task Without_a_policy_only_local_requests_are_answered_and_with_one_only_signed_in_users()
    {
        var remote = await GetAsync("/optout-admin/?account=acme", forwardedFor: "203.0.113.9");
        var remotePost = await PostAsync("/optout-admin/numbers/opt-out", "t", "c", "note", "r", forwardedFor: "203.0.113.9");
        var anonymous = await GetAsync("/secure-admin/?account=acme", forwardedFor: "203.0.113.9");
        var signedIn = await GetAsync("/secure-admin/?account=acme", user: "agent.smith", forwardedFor: "203.0.113.9");
        var unknownAccount = await GetAsync("/optout-admin/?account=initech");

        remote.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await remote.Content.ReadAsStringAsync()).Should().Contain(".RequireAuthorization(");
        remotePost.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK);
        unknownAccount.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _host.IsSuppressedAsync(Person)).Should().BeFalse();
    }

    [Fact]
    public void Mapping_without_an_account_or_antiforgery_is_refused_naming_what_is_missing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSmsOptOut().UseInMemory();
        var app = builder.Build();

        var noAntiforgery = () => app.MapSmsOptOutDashboard("/admin", o => o.Accounts.Add(new AccountId("acme")));
        builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSmsOptOut().UseInMemory();
        builder.Services.AddAntiforgery();
        var withAntiforgery = builder.Build();
        var noAccount = () => withAntiforgery.MapSmsOptOutDashboard("/admin", _ => { });

        noAntiforgery.Should().Throw<InvalidOperationException>().WithMessage("*AddAntiforgery()*");
        noAccount.Should().Throw<InvalidOperationException>().WithMessage("*Accounts must name at least one account*");
    }

    private static ConsentEvent Event(PhoneNumber number, ConsentKind kind, OptOutSource source, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid().ToString("N"), Account = LandingHost.Account, Number = number, Kind = kind, Source = source, OccurredAt = at, RecordedAt = at,
    };

    private static long Bar(string page, string kind, DateTimeOffset day) =>
        long.Parse(Regex.Match(page, $"<rect class=\"{kind}\" data-day=\"{day:yyyy-MM-dd}\" data-count=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static (string Token, string Cookie) Antiforgery(HttpResponseMessage response, string page) =>
        (AntiforgeryField().Match(page).Groups[1].Value, response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0]);

    private Task<HttpResponseMessage> GetAsync(string url, string? user = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        Identify(request, user, forwardedFor);
        return _host.Client.SendAsync(request);
    }

    /// <summary>Opens the lookup, posts <paramref name="input"/> in its form, and follows the redirect: the page, and the URL it came from.</summary>
    private async Task<(HttpResponseMessage Response, string Page, string Url, string Cookie)> LookUpAsync(string input, string user, string account = "acme")
    {
        var form = await GetAsync($"/secure-admin/numbers?account={account}", user: user);
        var (token, cookie) = Antiforgery(form, await form.Content.ReadAsStringAsync());
        var post = new HttpRequestMessage(HttpMethod.Post, "/secure-admin/numbers")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("account", account), new("number", input)]),
        };
        post.Headers.Add("Cookie", cookie);
        Identify(post, user, null);
        var redirect = await _noRedirects.SendAsync(post);
        redirect.StatusCode.Should().Be(HttpStatusCode.SeeOther, await redirect.Content.ReadAsStringAsync());
        var url = redirect.Headers.Location!.ToString();
        var response = await GetAsync(url, user: user);
        return (response, await response.Content.ReadAsStringAsync(), url, cookie);
    }

    private static string Reference(string page) => System.Net.WebUtility.HtmlDecode(ReferenceField().Match(page).Groups[1].Value);

    private Task<HttpResponseMessage> PostAsync(string url, string token, string cookie, string note, string reference, string? user = null, string? forwardedFor = null,
        KeyValuePair<string, string>[]? extra = null, string account = "acme")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("account", account), new("ref", reference), new("note", note), .. extra ?? []]),
        };
        request.Headers.Add("Cookie", cookie);
        Identify(request, user, forwardedFor);
        return _noRedirects.SendAsync(request);
    }

    private static void Identify(HttpRequestMessage request, string? user, string? forwardedFor)
    {
        if (user is not null)
        {
            request.Headers.Add(DashboardHost.UserHeader, user);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"ref\" value=\"([^\"]+)\"")]
    private static partial Regex ReferenceField();
}
