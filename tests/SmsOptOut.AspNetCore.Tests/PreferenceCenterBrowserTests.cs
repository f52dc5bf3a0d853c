using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Preferences;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The preference center in real headless Chromium, both tenants with it on (acme with the host's lists and pauses of 30
/// and 90 days, globex with a 30-day pause and no lists): axe-core finds no WCAG 2.2 A or AA violation in any state —
/// the center, nothing checked, lists left, paused, unsubscribed from everything with the undo — in any of the nine
/// languages; at 412 px it reflows; the keyboard's first stop is "Unsubscribe from everything"; each page stays within
/// the 20 KB budget with no script. Screenshots of each state go to artifacts/screenshots (copied to docs/images).
/// </summary>
[Trait("Category", "Slow")]
public sealed class PreferenceCenterBrowserTests
{
    private static readonly PhoneNumber Number = PhoneNumber.Parse("+4917612345678");

    [SkippableTheory]
    [MemberData(nameof(LandingAccessibilityTests.Languages), MemberType = typeof(LandingAccessibilityTests))]
    public async Task Every_state_of_the_center_has_no_WCAG_A_or_AA_violation(string language, string locale)
    {
        var chromium = Chromium.Require();
        await using var host = await StartAsync();
        var acme = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        var globex = await Tenants.TokenAsync(host, Tenants.Globex, Number);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LandingAccessibilityTests.LaunchAsync(playwright, chromium);
        var context = await LandingAccessibilityTests.NewContextAsync(browser, locale, new ViewportSize { Width = 390, Height = 844 }, scale: 2);
        var page = await context.NewPageAsync();
        var found = new StringBuilder();
        var screenshots = language == "en" ? Chromium.ScreenshotFolder() : null;

        await LandingAccessibilityTests.OpenAsync(page, LandingAccessibilityTests.Url(host, acme, Tenants.AcmeHost), 200, language);
        await CheckAsync(page, "center", found, screenshots, "center-acme.png");

        await page.Locator("form:has(input[name=leave]) button").ClickAsync();
        await Assertions.Expect(page.Locator("input[name=leave]")).ToHaveCountAsync(3);
        await CheckAsync(page, "nothing checked", found, null, null);

        await page.Locator("input[value=offers]").CheckAsync();
        await page.Locator("form:has(input[name=leave]) button").ClickAsync();
        await Assertions.Expect(page.Locator("input[name=leave]")).ToHaveCountAsync(2);
        (await host.Store.IsSuppressedAsync(Tenants.Acme, Number, new ListId("offers"))).Should().BeTrue("the checked list was left");
        await CheckAsync(page, "lists left", found, screenshots, "center-lists-left.png");

        await page.Locator("input[name=days]").Last.CheckAsync();
        await page.Locator("form:has(input[name=days]) button").ClickAsync();
        await Assertions.Expect(page.Locator("input[name=days]")).ToHaveCountAsync(0);
        (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Last().PausedUntil.Should().NotBeNull("the pause was recorded");
        await CheckAsync(page, "paused", found, screenshots, "center-paused.png");

        await page.Locator("button.large").ClickAsync();
        await Assertions.Expect(page.Locator("button.large")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("button.secondary")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
        (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Last().PausedUntil.Should().BeNull("everything, for good: no undo that would end the pause");
        await CheckAsync(page, "unsubscribed from everything", found, screenshots, "center-unsubscribed.png");

        await LandingAccessibilityTests.OpenAsync(page, LandingAccessibilityTests.Url(host, globex, Tenants.GlobexHost), 200, language == "de" ? "de" : language is "en" ? "en" : "de");
        await CheckAsync(page, "globex center", found, screenshots, "center-globex.png");

        found.ToString().Should().BeEmpty($"every state of the {language} center meets WCAG 2.2 A and AA as axe-core checks it");
    }

    [SkippableFact]
    public async Task The_keyboards_first_stop_is_unsubscribe_from_everything_and_Enter_opts_out_of_everything()
    {
        var chromium = Chromium.Require();
        await using var host = await StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LandingAccessibilityTests.LaunchAsync(playwright, chromium);
        var context = await LandingAccessibilityTests.NewContextAsync(browser, "en-US", new ViewportSize { Width = 1024, Height = 768 }, scale: 1);
        var page = await context.NewPageAsync();
        await LandingAccessibilityTests.OpenAsync(page, LandingAccessibilityTests.Url(host, token, Tenants.AcmeHost), 200, "en");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).Should().Be("Unsubscribe from everything");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You are unsubscribed");
        var e = (await host.Store.GetHistoryAsync(Tenants.Acme, Number).ToListAsync()).Should().ContainSingle().Subject;
        (e.Scope, e.PausedUntil).Should().Be((SuppressionScope.Account, (DateTimeOffset?)null));
    }

    [SkippableFact]
    public async Task On_a_slow_3G_network_the_center_is_one_request_and_usable_when_its_document_arrives()
    {
        var chromium = Chromium.Require();
        await using var host = await StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Globex, Number);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LandingAccessibilityTests.LaunchAsync(playwright, chromium);
        var context = await LandingAccessibilityTests.NewContextAsync(browser, "de-DE", new ViewportSize { Width = 390, Height = 844 }, scale: 2);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        // Chrome DevTools' "Slow 3G" preset: 400 ms latency, 500 kbit/s down, 500 kbit/s up.
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 400, ["downloadThroughput"] = 500 * 1024 / 8, ["uploadThroughput"] = 500 * 1024 / 8,
        });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await page.GotoAsync(LandingAccessibilityTests.Url(host, token, Tenants.GlobexHost), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        watch.Stop();

        response!.Status.Should().Be(200);
        requests.Should().ContainSingle("the page is one document: its style inline, its logo embedded, no script, no font, nothing else to fetch");
        (await page.Locator("button.large").IsVisibleAsync()).Should().BeTrue();
        var sizes = await response.Request.SizesAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"slow 3G: the center loaded in {watch.ElapsedMilliseconds} ms ({sizes.ResponseHeadersSize + sizes.ResponseBodySize} bytes transferred)"));
    }

    /// <summary>Audits the state, checks that it reflows at the 390 px phone width and stays within the budget, and takes its screenshot.</summary>
    private static async Task CheckAsync(IPage page, string state, StringBuilder found, string? screenshots, string? screenshot)
    {
        await LandingAccessibilityTests.AuditAsync(page, state, found);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] > widths[1])
        {
            found.Append(CultureInfo.InvariantCulture, $"\n[{state}] scrolls horizontally: scrollWidth {widths[0]} > clientWidth {widths[1]}");
        }

        var html = await page.ContentAsync();
        (Encoding.UTF8.GetByteCount(html) + 1_024).Should().BeLessThan(LandingAccessibilityTests.PageBudgetBytes, "the {0} page stays within its budget", state);
        (await page.Locator("script").CountAsync()).Should().Be(0);
        if (screenshots is not null && screenshot is not null)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, screenshot), FullPage = true });
        }
    }

    private static Task<LandingHost> StartAsync() => Tenants.StartAsync(
        core: o =>
        {
            o.Accounts[Tenants.Acme.Value].Configure += c =>
            {
                c.PreferenceCenter.Enabled = true;
                c.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(30));
                c.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(90));
            };
            o.Accounts[Tenants.Globex.Value].Configure += c =>
            {
                c.PreferenceCenter.Enabled = true;
                c.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(30));
            };
        },
        services: s => s.AddSingleton<IPreferenceListProvider, RecipientLists>());
}
