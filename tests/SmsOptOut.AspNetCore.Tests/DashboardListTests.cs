using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The list of suppressed numbers over real Kestrel: masked, newest first, paged by references that carry no number;
/// each filter; a number searched by a form post; the CSV export, masked unless the host's policy admits the user, and
/// logged; a storage that cannot list; times in the configured zone.
/// </summary>
public sealed partial class DashboardListTests
{
    private static readonly DateTimeOffset Base = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_list_shows_masked_numbers_newest_first_and_pages_by_references_that_carry_no_number()
    {
        await using var host = await DashboardHost.StartAsync();
        var numbers = await SeedAsync(host, 120);
        using var client = Client(host, "agent.smith");

        var first = await client.GetStringAsync("/secure-admin/suppressions?account=acme");
        var second = await client.GetStringAsync(NextPage(first));
        var third = await client.GetStringAsync(NextPage(second));

        Rows(first).Should().HaveCount(50);
        Rows(first)[0].Should().Be((numbers[119].ToMaskedString(), "whole account", Label(119)));
        Rows(second)[0].Number.Should().Be(numbers[69].ToMaskedString(), "the second page starts after the first page's last entry");
        Rows(third).Select(r => r.Number).Should().Equal(numbers.Take(20).Reverse().Select(n => n.ToMaskedString()));
        first.Should().Contain("<p id=\"total\"><b>120</b> suppressions").And.Contain("Newest first: 1–50.");
        third.Should().Contain("Newest first: 101–120 (page 3).").And.Contain("id=\"first-page\"").And.NotContain("id=\"next-page\"");
        foreach (var page in new[] { first, second, third })
        {
            numbers.Select(n => n.ToString().Substring(2)).Should().NotContain(national => page.Contains(national, StringComparison.Ordinal), "the list masks numbers and its links carry references");
        }

        NextPage(first).Should().Contain("&after=").And.Contain("&page=2");
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(numbers);
    }

    [Fact]
    public async Task Filters_select_by_source_scope_list_and_days_and_a_number_is_searched_by_a_post_that_keeps_it_out_of_the_URL()
    {
        await using var host = await DashboardHost.StartAsync();
        var numbers = await SeedAsync(host, 120);
        using var client = Client(host, "agent.smith");
        var (token, cookie) = await AntiforgeryAsync(client, "/secure-admin/suppressions?account=acme");

        var keyword = await PostAsync(host, token, cookie, [new("source", "keyword")]);
        var keywordPage = await client.GetStringAsync(keyword.Headers.Location);
        var newsletter = await client.GetStringAsync("/secure-admin/suppressions?account=acme&scope=list&list=newsletter");
        var accountOnly = await client.GetStringAsync("/secure-admin/suppressions?account=acme&scope=account&source=import");
        var days = await client.GetStringAsync("/secure-admin/suppressions?account=acme&from=2026-01-11&to=2026-01-11");
        var search = await PostAsync(host, token, cookie, [new("number", "+1 (212) 555-0007"), new("scope", "account")]);
        var searchPage = await client.GetStringAsync(search.Headers.Location);
        var notSuppressed = await client.GetStringAsync((await PostAsync(host, token, cookie, [new("number", "+1 212 555 9999")])).Headers.Location);
        var noNumber = await PostAsync(host, token, cookie, [new("number", "call me +1 212")]);
        var listAsNumber = await client.GetAsync("/secure-admin/suppressions?account=acme&list=%2B14155552671");
        var numberInUrl = await client.GetAsync("/secure-admin/suppressions?account=acme&number=%2B16465551300");
        var tamperedSearch = await client.GetAsync(search.Headers.Location!.ToString()[..^3] + "xyz");
        var tamperedPage = await client.GetAsync("/secure-admin/suppressions?account=acme&after=CfDJ8abc&page=2");
        var badDay = await client.GetAsync("/secure-admin/suppressions?account=acme&from=2026-02-30");

        keyword.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        keyword.Headers.Location!.ToString().Should().Be("/secure-admin/suppressions?account=acme&source=keyword");
        Rows(keywordPage).Should().HaveCount(Enumerable.Range(0, 120).Count(i => SourceOf(i) == OptOutSource.Keyword)).And.OnlyContain(r => r.Source == "keyword reply");
        Rows(newsletter).Should().HaveCount(12).And.OnlyContain(r => r.Scope == "list newsletter");
        Rows(accountOnly).Should().HaveCount(Enumerable.Range(0, 120).Count(i => SourceOf(i) == OptOutSource.Import && i % 10 != 3)).And.OnlyContain(r => r.Scope == "whole account");
        Rows(days).Should().HaveCount(24, "one opt-out an hour, and 11 January (UTC) holds the hours 12 to 35 of the seed");
        search.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        search.Headers.Location!.ToString().Should().Contain("&scope=account&q=").And.NotContain("2125550007");
        Rows(searchPage).Should().Equal((numbers[7].ToMaskedString(), "whole account", Label(7)));
        searchPage.Should().Contain("value=\"+12125550007\"", "the form shows the number searched for, in the page only");
        notSuppressed.Should().Contain("No suppression matches these filters.");
        noNumber.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noNumber.Content.ReadAsStringAsync()).Should().Contain("is not a phone number");
        listAsNumber.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await listAsNumber.Content.ReadAsStringAsync()).Should().Contain("reads as a phone number");
        numberInUrl.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        tamperedSearch.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await tamperedSearch.Content.ReadAsStringAsync()).Should().Contain("search again");
        tamperedPage.StatusCode.Should().Be(HttpStatusCode.NotFound);
        badDay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(numbers[..100]);
    }

    [Fact]
    public async Task The_export_is_every_match_as_CSV_masked_unless_the_policy_admits_the_user_and_each_export_is_logged()
    {
        await using var host = await DashboardHost.StartAsync(dashboard: o => o.FullNumberExportPolicy = DashboardHost.ExportPolicy);
        var numbers = await SeedAsync(host, 1_200);
        await host.Store.ApplyAsync(Event(PhoneNumber.Parse("+12125559001"), Base, OptOutSource.Api, new ListId("=HYPERLINK(\"x\")")), []);
        using var agent = Client(host, "agent.smith");
        using var exporter = Client(host, "exporter.jane");

        var masked = await agent.GetAsync("/secure-admin/suppressions/export?account=acme&source=import");
        var maskedLines = (await masked.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var refused = await agent.GetAsync("/secure-admin/suppressions/export?account=acme&numbers=full");
        var full = await exporter.GetStringAsync("/secure-admin/suppressions/export?account=acme&numbers=full");
        var fullLines = full.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var agentPage = await agent.GetStringAsync("/secure-admin/suppressions?account=acme");
        var exporterPage = await exporter.GetStringAsync("/secure-admin/suppressions?account=acme");

        masked.StatusCode.Should().Be(HttpStatusCode.OK);
        masked.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        masked.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().StartWith("suppressions-acme-").And.EndWith(".csv");
        maskedLines[0].Should().Be("number,scope,list,since_utc,since_local,source,event_id");
        maskedLines.Skip(1).Should().HaveCount(Enumerable.Range(0, 1_200).Count(i => SourceOf(i) == OptOutSource.Import), "every match, across the store's pages of 1,000")
            .And.OnlyContain(l => l.StartsWith("+1 ••• ••• ", StringComparison.Ordinal) && l.Contains(",import,", StringComparison.Ordinal));
        maskedLines[1].Should().StartWith(numbers[1_198].ToMaskedString() + ",account,,", "the newest import (every fifth entry from 3) comes first");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        fullLines.Should().HaveCount(1_202);
        var newest = Base.AddHours(1_199).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        fullLines[1].Should().Be($"+12125551199,account,,{newest}Z,{newest}+00:00,{Code(SourceOf(1_199))},seed-1199");
        full.Should().Contain(",list,\"'=HYPERLINK(\"\"x\"\")\",", "a field a spreadsheet would run as a formula is neutralised and quoted");
        agentPage.Should().Contain("id=\"export\"").And.Contain("id=\"export-full-hint\"").And.NotContain("id=\"export-full\"");
        exporterPage.Should().Contain("id=\"export-full\"");
        var audit = host.Logs.GetSnapshot().Where(r => r.Id.Id == 2016).Select(r => r.Message).ToList();
        audit.Should().HaveCount(2);
        audit[0].Should().Be($"Dashboard: agent.smith exported {maskedLines.Length - 1} suppressions of account acme as CSV with masked numbers (Suppressions: source import); the export was complete");
        audit[1].Should().Be("Dashboard: exporter.jane exported 1201 suppressions of account acme as CSV with full numbers (All suppressions); the export was complete");
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 2011 && r.Message.Contains("export policy does not admit", StringComparison.Ordinal));
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(numbers[..50]);
    }

    [Fact]
    public async Task Without_a_storage_that_lists_the_page_says_so_and_the_export_is_refused()
    {
        await using var host = await DashboardHost.StartAsync(more: services => services.RemoveAll<ISuppressionListing>());
        using var client = Client(host, "agent.smith");

        var page = await client.GetAsync("/secure-admin/suppressions?account=acme");
        var export = await client.GetAsync("/secure-admin/suppressions/export?account=acme");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("id=\"cannot-list\"").And.Contain("does not implement ISuppressionListing");
        export.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(PhoneNumber.Parse("+12125550001"));
    }

    [Fact]
    public async Task Times_and_typed_days_are_in_the_configured_zone_with_UTC_beside()
    {
        await using var host = await DashboardHost.StartAsync(dashboard: o => o.TimeZone = "America/New_York");
        var late = new DateTimeOffset(2026, 1, 15, 3, 0, 0, TimeSpan.Zero);       // 14 January, 22:00 in New York
        var morning = new DateTimeOffset(2026, 1, 15, 12, 14, 0, TimeSpan.Zero);  // 15 January, 07:14
        await host.Store.ApplyAsync(Event(PhoneNumber.Parse("+12125550001"), late, OptOutSource.Keyword), []);
        await host.Store.ApplyAsync(Event(PhoneNumber.Parse("+12125550002"), morning, OptOutSource.Keyword), []);
        using var client = Client(host, "agent.smith");

        var all = await client.GetStringAsync("/secure-admin/suppressions?account=acme");
        var fifteenth = await client.GetStringAsync("/secure-admin/suppressions?account=acme&from=2026-01-15&to=2026-01-15");
        var csv = await client.GetStringAsync("/secure-admin/suppressions/export?account=acme");

        all.Should().Contain("Times are America/New_York (UTC beside).")
            .And.Contain("<time datetime=\"2026-01-15T12:14:00Z\">2026-01-15 07:14 <span class=\"offset\">\u221205:00</span></time> <span class=\"utc\">· 12:14 UTC</span>")
            .And.Contain("<time datetime=\"2026-01-15T03:00:00Z\">2026-01-14 22:00 <span class=\"offset\">\u221205:00</span></time> <span class=\"utc\">· 2026-01-15 03:00 UTC</span>");
        Rows(fifteenth).Select(r => r.Number).Should().Equal(PhoneNumber.Parse("+12125550002").ToMaskedString());
        csv.Should().Contain(",2026-01-15T12:14:00Z,2026-01-15T07:14:00-05:00,keyword,");
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "*not an IANA time zone*")]
    [InlineData("Pacific Standard Time", "*not an IANA time zone*")]
    [InlineData("Europe/Berlin", null)]
    [InlineData("", null)]
    public void A_time_zone_is_checked_when_the_dashboard_is_mapped(string zone, string? error)
    {
        var map = () => Map(o => o.TimeZone = zone);

        if (error is null)
        {
            map.Should().NotThrow();
        }
        else
        {
            map.Should().Throw<InvalidOperationException>().WithMessage(error);
        }
    }

    [Fact]
    public void An_export_policy_that_authorization_does_not_define_fails_the_mapping()
    {
        var unknown = () => Map(o => o.FullNumberExportPolicy = "no-such-policy");
        var known = () => Map(o => o.FullNumberExportPolicy = DashboardHost.ExportPolicy);

        unknown.Should().Throw<InvalidOperationException>().WithMessage("*'no-such-policy'*does not define*");
        known.Should().NotThrow();
    }

    private static void Map(Action<SmsOptOut.AspNetCore.Dashboard.SmsOptOutDashboardOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSmsOptOut().UseInMemory();
        DashboardHost.AddTestSignIn(builder.Services);
        var app = builder.Build();
        app.MapSmsOptOutDashboard("/admin", o =>
        {
            o.Accounts.Add(new AccountId("acme"));
            configure(o);
        });
    }

    /// <summary>
    /// <paramref name="count"/> opt-outs, one an hour from <see cref="Base"/> (<c>+1 212 555 0000</c> onwards): every
    /// tenth from 3 on in the list newsletter, sources in turn (<see cref="SourceOf"/>).
    /// </summary>
    internal static async Task<PhoneNumber[]> SeedAsync(LandingHost host, int count)
    {
        var numbers = Enumerable.Range(0, count).Select(i => PhoneNumber.Parse($"+1212555{i:D4}")).ToArray();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(1_000))
        {
            await host.Store.ApplyBatchAsync([.. chunk.Select(i => new ConsentWrite(
                Event(numbers[i], Base.AddHours(i), SourceOf(i), i % 10 == 3 ? LandingHost.List : null) with { EventId = $"seed-{i}" }, []))]);
        }

        return numbers;
    }

    internal static OptOutSource SourceOf(int i) => (OptOutSource)(1 + (i % 5));

    internal static ConsentEvent Event(PhoneNumber number, DateTimeOffset at, OptOutSource source, ListId? list = null) => new()
    {
        EventId = Guid.NewGuid().ToString("N"), Account = LandingHost.Account, Number = number, Kind = ConsentKind.OptOut, Source = source,
        Scope = list is null ? SuppressionScope.Account : SuppressionScope.List, List = list, OccurredAt = at, RecordedAt = at,
    };

    private static string Label(int i) => SourceOf(i) switch
    {
        OptOutSource.OptOutLink => "opt-out link",
        OptOutSource.Keyword => "keyword reply",
        OptOutSource.Api => "API or dashboard",
        OptOutSource.Import => "import",
        _ => "provider report",
    };

    private static string Code(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "link",
        OptOutSource.Keyword => "keyword",
        OptOutSource.Api => "api",
        OptOutSource.Import => "import",
        _ => "provider",
    };

    /// <summary>A client signed in as <paramref name="user"/>, without cookies of its own and without following redirects.</summary>
    internal static HttpClient Client(LandingHost host, string user)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add(DashboardHost.UserHeader, user);
        return client;
    }

    /// <summary>The rows of the list: masked number, where it applies, source.</summary>
    internal static List<(string Number, string Scope, string Source)> Rows(string page) =>
        [.. Row().Matches(page).Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value))];

    internal static string NextPage(string page) => System.Net.WebUtility.HtmlDecode(NextLink().Match(page).Groups[1].Value);

    private static async Task<(string Token, string Cookie)> AntiforgeryAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var page = await response.Content.ReadAsStringAsync();
        return (AntiforgeryField().Match(page).Groups[1].Value,
            response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0]);
    }

    private static async Task<HttpResponseMessage> PostAsync(LandingHost host, string token, string cookie, KeyValuePair<string, string>[] fields)
    {
        using var client = Client(host, "agent.smith");
        var request = new HttpRequestMessage(HttpMethod.Post, "/secure-admin/suppressions")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("account", "acme"), .. fields]),
        };
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [GeneratedRegex("<tr><td><code>([^<]+)</code></td><td>([^<]+)</td><td><time[^>]*>.*?</td><td title=\"[^\"]*\">([^<]+)</td>")]
    private static partial Regex Row();

    [GeneratedRegex("id=\"next-page\" rel=\"next\" href=\"([^\"]+)\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
