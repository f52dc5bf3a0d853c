using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The dashboard in real headless Chromium, signed in through the test scheme: the chart's bars against seeded data,
/// a lookup and an opt-out with a note done with the keyboard alone, and a cross-site form post refused. Screenshots go
/// to <c>artifacts/screenshots</c> (docs/dashboard.md shows copies); no Content-Security-Policy violation is reported.
/// Every log line the host writes meanwhile — ASP.NET Core's request logging included — is read: none holds a full
/// number (the lookup posts it; URLs carry an expiring reference), none is an unhandled exception.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DashboardBrowserTests
{
    private static readonly PhoneNumber Person = PhoneNumber.Parse("+14155552671");

    [SkippableFact]
    public async Task An_agent_reads_the_chart_looks_a_number_up_and_opts_it_out_with_the_keyboard_alone()
    {
        var chromium = Chromium.Require();
        // With a signing key, the lookup's log offers each event's consent certificate (its screenshot shows them).
        await using var host = await DashboardHost.StartAsync(core: SignWithTestKey);
        var optOut = host.Services.GetRequiredService<IOptOutService>();
        var today = DateTimeOffset.UtcNow;
        var seeded = new Dictionary<int, int> { [0] = 5, [1] = 2, [3] = 7, [6] = 1 };
        var next = 0;
        foreach (var (daysAgo, count) in seeded)
        {
            for (var i = 0; i < count; i++, next++)
            {
                var at = today.AddDays(-daysAgo);
                await host.Store.ApplyAsync(new ConsentEvent
                {
                    EventId = $"seed-{next}", Account = LandingHost.Account, Number = PhoneNumber.Parse($"+1212555{next:D4}"), Kind = ConsentKind.OptOut,
                    Source = i % 2 == 0 ? OptOutSource.Keyword : OptOutSource.OptOutLink, OccurredAt = at, RecordedAt = at,
                }, []);
            }
        }

        await optOut.OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.Keyword) { Evidence = new ConsentEvidence { MessageText = "STOP" } });
        await optOut.OptInAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.Keyword) { Evidence = new ConsentEvidence { MessageText = "START" } });
        var screenshots = Chromium.ScreenshotFolder();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        var (page, consoleErrors) = await AgentPageAsync(browser);

        (await page.GotoAsync(new Uri(host.BaseAddress, "/secure-admin/?account=acme&days=7").ToString()))!.Status.Should().Be(200);
        foreach (var (daysAgo, count) in seeded)
        {
            var expected = count + (daysAgo == 0 ? 1 : 0); // today also holds the STOP of the looked-up number
            (await page.Locator($"rect.bar[data-day='{today.AddDays(-daysAgo):yyyy-MM-dd}']").GetAttributeAsync("data-count")).Should().Be(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        (await page.Locator("rect.bar[data-day='" + today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "']").GetAttributeAsync("height")).Should().Be("0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-overview.png"), FullPage = true });

        // Keyboard only: Tab to the lookup link, type the number, Tab to the note and the button.
        await TabToAsync(page, "a[href*='/numbers']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Number lookup");
        await TabToAsync(page, "input[name='number']");
        await page.Keyboard.TypeAsync("(415) 555-2671".Insert(0, "+1 "));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync("+14155552671");
        (await page.Locator("#history tbody tr").CountAsync()).Should().Be(2);
        await TabToAsync(page, "form[action$='/opt-out'] textarea");
        await page.Keyboard.TypeAsync("called support on 3 Dec, asked to stop");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("Suppressed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-lookup.png"), FullPage = true });
        page.Url.Should().Contain("/secure-admin/numbers?account=acme&ref=").And.NotContain("2671");

        // The person's data: the access report downloads from a link that carries the reference, not the number.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#access").ClickAsync());
        download.SuggestedFilename.Should().Be("access-acme-2671.json");
        (await File.ReadAllTextAsync((await download.PathAsync())!)).Should().Contain("called support on 3 Dec");

        // Opt in again, with the keyboard too: the redirect after the action carries a fresh reference.
        await TabToAsync(page, "form[action$='/opt-in'] textarea");
        await page.Keyboard.TypeAsync("called back, wants the offers again");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("Not suppressed");

        var history = await host.HistoryAsync(Person);
        history[^2].Evidence.Note.Should().Be("called support on 3 Dec, asked to stop (recorded by agent.smith in the dashboard)");
        history[^1].Evidence.Note.Should().Be("called back, wants the offers again (recorded by agent.smith in the dashboard)");
        consoleErrors.Should().BeEmpty("the dashboard breaks no Content-Security-Policy rule");
        host.Logs.GetSnapshot().Should().Contain(r => r.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && r.Message.Contains("/secure-admin/numbers/access?account=acme&ref=", StringComparison.Ordinal),
            "ASP.NET Core's request logging is captured, and it wrote the access download's URL");
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException([Person, .. Enumerable.Range(0, next).Select(i => PhoneNumber.Parse($"+1212555{i:D4}"))]);
    }

    [SkippableFact]
    public async Task An_agent_pages_through_10000_suppressions_filters_them_searches_a_number_and_exports_them()
    {
        var chromium = Chromium.Require();
        await using var host = await DashboardHost.StartAsync(dashboard: o => o.TimeZone = "America/New_York");
        // 10,000 opt-outs over the last 90 days, seeded through the store: one every 13 minutes up to an hour ago, sources in turn, every tenth in a list.
        var start = DateTimeOffset.UtcNow.AddMinutes(-(13 * 10_000) - 60);
        var numbers = Enumerable.Range(0, 10_000).Select(i => PhoneNumber.Parse($"+1212555{i:D4}")).ToArray();
        foreach (var chunk in Enumerable.Range(0, numbers.Length).Chunk(1_000))
        {
            await host.Store.ApplyBatchAsync([.. chunk.Select(i => new SmsOptOut.Suppression.ConsentWrite(
                DashboardListTests.Event(numbers[i], start.AddMinutes(i * 13), DashboardListTests.SourceOf(i), i % 10 == 3 ? LandingHost.List : null), []))]);
        }

        var screenshots = Chromium.ScreenshotFolder();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        var (page, consoleErrors) = await AgentPageAsync(browser);

        (await page.GotoAsync(new Uri(host.BaseAddress, "/secure-admin/?account=acme&days=90").ToString()))!.Status.Should().Be(200);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-overview-90-days.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Suppressed numbers", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Suppressed numbers");
        await Assertions.Expect(page.Locator("#total")).ToContainTextAsync("10,000 suppressions");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-suppressions.png"), FullPage = true });

        // Every page, by its Next link: 200 pages of 50, newest first, none twice.
        var urls = new List<string>();
        var since = new List<DateTimeOffset>();
        while (true)
        {
            urls.Add(page.Url);
            var times = await page.Locator("#suppressions tbody tr td:nth-child(3) time").EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('datetime'))");
            since.AddRange(times.Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)));
            var next = page.Locator("#next-page");
            if (await next.CountAsync() == 0)
            {
                break;
            }

            // Follow the Next link's address and wait for that page to load: a click's navigation is not awaited, and
            // under load the half-loaded document would show no Next link and end the walk early.
            var href = await next.GetAttributeAsync("href");
            (await page.GotoAsync(new Uri(new Uri(page.Url), href).ToString()))!.Status.Should().Be(200);
        }

        urls.Should().HaveCount(200);
        since.Should().HaveCount(10_000).And.BeInDescendingOrder();
        since.Distinct().Should().HaveCount(10_000, "each suppression comes once");
        urls.Should().OnlyContain(u => !u.Contains("212555", StringComparison.Ordinal), "page links carry references, not numbers");
        (await page.Locator("#range").InnerTextAsync()).Should().Be("Newest first: 9,951–10,000 (page 200).");

        // Filters: imports into the list, in the last 30 days of New York.
        await page.Locator("#first-page").ClickAsync();
        await page.Locator("select[name='source']").SelectOptionAsync("import");
        await page.Locator("select[name='scope']").SelectOptionAsync("list");
        await page.Locator("input[name='from']").FillAsync(DateTimeOffset.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.Locator("#results")).ToContainTextAsync("source import, lists only, since");
        page.Url.Should().Contain("source=import&scope=list&from=");
        var filteredRows = await page.Locator("#suppressions tbody tr").AllInnerTextsAsync();
        filteredRows.Should().NotBeEmpty().And.OnlyContain(r => r.Contains("list newsletter", StringComparison.Ordinal) && r.Contains("import", StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-suppressions-filtered.png"), FullPage = true });

        // The export of the filtered list: every match, masked.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export").ClickAsync());
        var csv = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Skip(1).ToList();
        var cutoff = new DateTimeOffset(DateTime.SpecifyKind(DateTime.Parse(await page.Locator("input[name='from']").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Unspecified),
            TimeZoneInfo.FindSystemTimeZoneById("America/New_York").GetUtcOffset(DateTime.Parse(await page.Locator("input[name='from']").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture)));
        var expected = Enumerable.Range(0, numbers.Length).Count(i => i % 10 == 3 && DashboardListTests.SourceOf(i) == OptOutSource.Import && start.AddMinutes(i * 13) >= cutoff);
        csv.Should().HaveCount(expected).And.OnlyContain(l => l.StartsWith("+1 ••• ••• ", StringComparison.Ordinal) && l.Contains(",list,newsletter,", StringComparison.Ordinal) && l.Contains(",import,", StringComparison.Ordinal));
        filteredRows.Should().HaveCount(Math.Min(50, expected));

        // A search: the number typed posts with the filters cleared; the result's URL holds a reference.
        await page.Locator("#clear").ClickAsync();
        await page.Locator("input[name='number']").FillAsync("+1 (212) 555-4242");
        await page.Locator("input[name='number']").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#results")).ToContainTextAsync("number +1 ••• ••• 4242");
        (await page.Locator("#suppressions tbody tr").CountAsync()).Should().Be(1);
        page.Url.Should().Contain("&q=").And.NotContain("4242");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "dashboard-suppressions-search.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "details of +1 ••• ••• 4242" }).ClickAsync();
        await Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync("+12125554242");

        consoleErrors.Should().BeEmpty("the dashboard breaks no Content-Security-Policy rule");
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 2016 && r.Message.Contains($"agent.smith exported {expected} suppressions", StringComparison.Ordinal));
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(numbers);
    }

    [SkippableFact]
    public async Task An_agent_replays_a_dead_letter_and_the_receiver_gets_it()
    {
        var chromium = Chromium.Require();
        await using var receiver = new LocalReceiver();
        await using var host = await DashboardHost.StartAsync(o =>
        {
            o.Webhooks.CallbackUrl = receiver.Url;
            o.Webhooks.DangerouslyAllowLoopbackAndHttpForTesting = true;
        });
        var dead = await DeadLetters.CreateAsync(host, PhoneNumber.Parse("+14155552681"), PhoneNumber.Parse("+14155552682"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { [DashboardHost.UserHeader] = "agent.smith" },
        });

        await page.GotoAsync(new Uri(host.BaseAddress, "/secure-admin/webhooks?account=acme").ToString());
        (await page.Locator("#dead-letters tbody tr").CountAsync()).Should().Be(2);
        await page.Locator($"input[name='id'][value='{dead[0]}']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Replay the selected" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("1 dead letter(s) requeued");
        await host.Services.GetRequiredService<SmsOptOut.Webhooks.IOptOutWebhookDispatcher>().DeliverPendingNowAsync(LandingHost.Account);
        await page.ReloadAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotFolder(), "dashboard-webhooks.png"), FullPage = true });

        receiver.Received.Should().Equal(["POST /hooks"], "the replayed webhook reached the receiver");
        (await page.Locator("#dead-letters tbody tr").CountAsync()).Should().Be(1);
        (await page.Locator("#recent tbody tr").First.InnerTextAsync()).Should().Contain("delivered");
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(PhoneNumber.Parse("+14155552681"), PhoneNumber.Parse("+14155552682"));
    }

    [SkippableFact]
    public async Task A_form_posted_from_another_site_changes_nothing()
    {
        var chromium = Chromium.Require();
        await using var host = await DashboardHost.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ExtraHTTPHeaders = new Dictionary<string, string> { [DashboardHost.UserHeader] = "agent.smith" } });
        (await page.GotoAsync(new Uri(host.BaseAddress, "/secure-admin/numbers?account=acme").ToString()))!.Status.Should().Be(200);

        // Another site's page (here a blank one) holds a form that posts to the dashboard, with no token of its own.
        await page.GotoAsync("about:blank");
        await page.SetContentAsync($"""
            <form method="post" action="{new Uri(host.BaseAddress, "/secure-admin/numbers/opt-out")}">
            <input name="account" value="acme"><input name="number" value="+14155552671"><input name="note" value="forged"><button id="go">go</button></form>
            """);
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#go"), r => r.Url.EndsWith("/numbers/opt-out", StringComparison.Ordinal));

        response.Status.Should().Be(400);
        await page.WaitForLoadStateAsync();
        (await page.ContentAsync()).Should().Contain("antiforgery check failed");
        (await host.IsSuppressedAsync(Person)).Should().BeFalse();
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 2011 && r.Message.Contains("antiforgery", StringComparison.Ordinal), "the refusal is logged");
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(Person);
    }

    [SkippableFact]
    public async Task An_agent_opens_an_events_certificate_from_the_lookup_reads_it_valid_and_downloads_the_json()
    {
        var chromium = Chromium.Require();
        await using var host = await DashboardHost.StartAsync(core: SignWithTestKey);
        var optOut = await host.Services.GetRequiredService<IOptOutService>().OptOutAsync(new ConsentRequest(LandingHost.Account, Person, OptOutSource.OptOutLink)
        {
            Evidence = new ConsentEvidence
            {
                IpAddress = "203.0.113.7", UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)", PageUrl = "https://opt.example/u/3kTq9ZbW1x",
                DisclosureText = "Reply STOP to end, HELP for help. Msg&data rates may apply.", LinkToken = "3kTq9ZbW1x",
            },
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        var (page, consoleErrors) = await AgentPageAsync(browser);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        (await page.GotoAsync(new Uri(host.BaseAddress, "/secure-admin/numbers?account=acme").ToString()))!.Status.Should().Be(200);
        await page.FillAsync("input[name='number']", "+1 415 555 2671");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync("+14155552671");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Certificate (JSON)" }).ClickAsync());
        var json = await File.ReadAllTextAsync((await download.PathAsync())!);
        requests.Clear();
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Certificate (HTML)" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Consent certificate of event {optOut.Event.EventId}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotFolder(), "dashboard-certificate.png"), FullPage = true });
        var found = new System.Text.StringBuilder();
        await LandingAccessibilityTests.AuditAsync(page, "certificate", found);

        download.SuggestedFilename.Should().Be($"certificate-acme-{optOut.Event.EventId}.json");
        Evidence.ConsentCertificateVerifier.Verify(json, host.Services.GetRequiredService<Evidence.IConsentEvidence>().PublicKeys).IsValid.Should().BeTrue();
        (await page.Locator("#verification").TextContentAsync()).Should().StartWith("Valid: signed by key 2026-12.");
        (await page.Locator("#certificate-json").TextContentAsync()).Should().Be(json, "the page embeds the downloaded certificate");
        requests.Where(r => !r.EndsWith("/favicon.ico", StringComparison.Ordinal)).Should().ContainSingle("the page is one document: no style sheet, image, font or script is fetched").Which.Should().Contain("/numbers/certificate?");
        found.ToString().Should().BeEmpty("the certificate page meets WCAG 2.2 A and AA as axe-core checks it");
        consoleErrors.Should().BeEmpty("the page breaks no Content-Security-Policy rule");
        host.Logs.ShouldHoldNoFullNumberOrUnhandledException(Person);
    }

    /// <summary>An evidence signing key, 2026-12, so that the lookup offers consent certificates.</summary>
    internal static void SignWithTestKey(SmsOptOutOptions options) => options.Evidence.SigningKeys.Add(new Evidence.EvidenceSigningKey
    {
        Id = "2026-12", PrivateKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]),
    });

    /// <summary>A page of agent.smith (signed in through the test scheme, 1100×900, downloads accepted), and the console errors it reports.</summary>
    private static async Task<(IPage Page, List<string> ConsoleErrors)> AgentPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
            AcceptDownloads = true,
            ExtraHTTPHeaders = new Dictionary<string, string> { [DashboardHost.UserHeader] = "agent.smith" },
        });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        return (page, consoleErrors);
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (at most 40 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.Locator(selector).EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached {selector}: it cannot be used with the keyboard.");
    }
}
