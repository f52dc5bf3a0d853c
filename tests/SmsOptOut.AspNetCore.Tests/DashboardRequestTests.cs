using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The dashboard's requests page: over Kestrel on a fake clock, the account's open requests (its own and those of every
/// account) soonest deadline first with their days left or overdue, and the nav link to it; in Chromium, an erasure from
/// the lookup with the request's reference takes the overdue request off the page.
/// </summary>
public sealed class DashboardRequestTests
{
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    [Fact]
    public async Task The_requests_page_lists_the_accounts_open_requests_soonest_first_with_days_left_or_overdue()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero));
        await using var host = await DashboardHost.StartAsync(time: time);
        var subjects = host.Services.GetRequiredService<IDataSubjectService>();
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-late", DataSubjectRequestKind.Erasure, DataProtectionLaw.Gdpr)
        {
            Account = LandingHost.Account, ReceivedAt = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero),
        });
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-<ccpa>", DataSubjectRequestKind.Access, DataProtectionLaw.Ccpa) { ReceivedAt = time.GetUtcNow().AddDays(-2) });
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-globex", DataSubjectRequestKind.Access, DataProtectionLaw.Pipeda) { Account = new AccountId("globex") });
        await subjects.RecordRequestAsync(new DataSubjectRequest("t-closed", DataSubjectRequestKind.Access, DataProtectionLaw.Quebec));
        await subjects.CloseRequestAsync("t-closed", "access report sent by post");

        var response = await Get(host, "/secure-admin/requests?account=acme");
        var page = await response.Content.ReadAsStringAsync();
        var overview = await (await Get(host, "/secure-admin/?account=acme")).Content.ReadAsStringAsync();
        var unknown = await Get(host, "/secure-admin/requests?account=initech");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().NotContain("script");
        page.Should().Contain("<p id=\"request-counts\">2 open requests, 1 overdue.</p>");
        page.Should().Contain("<tr data-reference=\"t-late\"><td>t-late</td><td>erasure</td><td>GDPR</td><td>this account</td><td>2026-11-01 09:00</td><td>2026-12-01 09:00</td>"
            + "<td class=\"error\">overdue by 10 days</td></tr>", "one month from 1 November 09:00 ended on 1 December; 9 days and 3 hours later a tenth day has begun");
        page.Should().Contain("<tr data-reference=\"t-&lt;ccpa&gt;\"><td>t-&lt;ccpa&gt;</td><td>access</td><td>CCPA</td><td>every account</td><td>2026-12-08 12:00</td><td>2027-01-22 12:00</td>"
            + "<td>43 days left</td></tr>", "45 days from receipt, 2 of them gone; the reference is encoded");
        page.IndexOf("t-late", StringComparison.Ordinal).Should().BeLessThan(page.IndexOf("t-&lt;ccpa&gt;", StringComparison.Ordinal), "soonest deadline first");
        page.Should().NotContain("t-globex", "another account's request").And.NotContain("t-closed", "a closed request is not open");
        page.Should().Contain("href=\"/secure-admin/requests?account=acme\" aria-current=\"page\">Requests</a>");
        overview.Should().Contain("href=\"/secure-admin/requests?account=acme\">Requests</a>", "every page links it");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);

        await subjects.ExtendRequestAsync("t-<ccpa>", "many systems to search; the person was told");
        time.Advance(TimeSpan.FromDays(50));
        var later = await (await Get(host, "/secure-admin/requests?account=acme")).Content.ReadAsStringAsync();
        later.Should().Contain("<td>2027-03-08 12:00 (extended)</td><td>38 days left</td>", "90 days from 8 December");
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task In_the_browser_an_erasure_with_the_requests_reference_takes_the_overdue_request_off_the_page()
    {
        var chromium = Chromium.Require();
        await using var host = await DashboardHost.StartAsync();
        await host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.Keyword));
        var subjects = host.Services.GetRequiredService<IDataSubjectService>();
        await subjects.RecordRequestAsync(new DataSubjectRequest("ticket-77", DataSubjectRequestKind.Erasure, DataProtectionLaw.Gdpr)
        {
            Account = LandingHost.Account, ReceivedAt = DateTimeOffset.UtcNow.AddDays(-40), Number = Person,
        });
        await subjects.RecordRequestAsync(new DataSubjectRequest("ticket-78", DataSubjectRequestKind.Access, DataProtectionLaw.Ccpa));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { [DashboardHost.UserHeader] = "agent.smith" },
        });
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(host.BaseAddress, "/secure-admin/?account=acme").ToString());
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Requests", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Requests");
        await Assertions.Expect(page.Locator("#request-counts")).ToHaveTextAsync("2 open requests, 1 overdue.");
        await Assertions.Expect(page.Locator("#requests tbody tr").First).ToContainTextAsync("ticket-77");
        await Assertions.Expect(page.Locator("tr[data-reference='ticket-77'] td.error")).ToContainTextAsync("overdue by");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotFolder(), "dashboard-requests.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Number lookup" }).ClickAsync();
        await page.Locator("input[name='number']").FillAsync("+1 415 555 2671");
        await page.Locator("input[name='number']").PressAsync("Enter");
        await page.Locator("input[name='requestId']").FillAsync("ticket-77");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Erase this number" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Erased (request ticket-77)");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Requests", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#request-counts")).ToHaveTextAsync("1 open request, 0 overdue.");
        (await page.Locator("#requests tbody tr").AllInnerTextsAsync()).Should().ContainSingle().Which.Should().Contain("ticket-78").And.Contain("45 days left");
        (await subjects.GetRequestAsync("ticket-77"))!.Resolution.Should().Be("erased");
        consoleErrors.Should().BeEmpty("no Content-Security-Policy violation");
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(Person);
    }

    private static Task<HttpResponseMessage> Get(LandingHost host, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(DashboardHost.UserHeader, "agent.smith");
        return host.Client.SendAsync(request);
    }
}
