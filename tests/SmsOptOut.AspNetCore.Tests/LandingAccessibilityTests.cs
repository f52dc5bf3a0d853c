using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The landing page's accessibility in real headless Chromium: axe-core (Deque.AxeCore.Playwright) with the WCAG 2.0,
/// 2.1 and 2.2 A and AA rules finds no violation on any state — the link opened, unsubscribed with the undo offered,
/// resubscribed, the neutral 404, the 429 and a branded tenant's page — in any of the nine page languages; the page
/// reflows without horizontal scrolling at 412 px, at 200 % and at 400 % zoom; it works with the keyboard alone; and
/// the confirmation page stays within its weight budget (20 KB transferred, no script).
/// </summary>
[Trait("Category", "Slow")]
public sealed class LandingAccessibilityTests
{
    /// <summary>The budget of one landing page, as transferred (headers and body).</summary>
    public const int PageBudgetBytes = 20 * 1024;

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>The deployment's link domain (the global <c>LinkBaseUrl</c>'s), where an account without a domain of its own is answered.</summary>
    private const string DeploymentHost = "opt.example";

    /// <summary>An account without settings: the plain, unbranded page.</summary>
    private static readonly AccountId Plain = new("plain");

    private static readonly PhoneNumber Number = PhoneNumber.Parse("+4917612345678");

    /// <summary>Each page language (as <c>&lt;html lang&gt;</c> names it; the Portuguese texts are Brazil's) and the browser locale that asks for it.</summary>
    public static TheoryData<string, string> Languages => new()
    {
        { "en", "en-US" }, { "fr", "fr-FR" }, { "de", "de-DE" }, { "es", "es-ES" }, { "it", "it-IT" },
        { "pt-BR", "pt-BR" }, { "nl", "nl-NL" }, { "pl", "pl-PL" }, { "ru", "ru-RU" },
    };

    [SkippableTheory]
    [MemberData(nameof(Languages))]
    public async Task Every_state_of_the_page_has_no_WCAG_A_or_AA_violation(string language, string locale)
    {
        var chromium = Chromium.Require();
        // One failed token a minute per client: the second unknown token meets the 429.
        await using var host = await Tenants.StartAsync(configure: o => o.PermitsPerMinutePerClient = 1);
        var plain = await Tenants.TokenAsync(host, Plain, Number);
        var branded = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright, chromium);
        var context = await NewContextAsync(browser, locale, new ViewportSize { Width = 390, Height = 844 }, scale: 2);
        var page = await context.NewPageAsync();
        var found = new StringBuilder();

        await OpenAsync(page, Url(host, plain), 200, language);
        await AuditAsync(page, "link opened", found);

        await page.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("button.secondary")).ToBeVisibleAsync();
        (await host.Store.IsSuppressedAsync(Plain, Number)).Should().BeTrue("the button opted out");
        await AuditAsync(page, "unsubscribed, undo offered", found);

        await page.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("button.secondary")).ToHaveCountAsync(0);
        (await host.Store.IsSuppressedAsync(Plain, Number)).Should().BeFalse("the undo resubscribed");
        await AuditAsync(page, "resubscribed", found);

        await OpenAsync(page, Url(host, "not-a-token"), 404, language);
        await AuditAsync(page, "404 of an unknown token", found);

        await OpenAsync(page, Url(host, "not-a-token-either"), 429, language);
        await AuditAsync(page, "429 of the rate limiter", found);

        await OpenAsync(page, Url(host, branded, Tenants.AcmeHost), 200, language);
        (await page.Locator("img.logo").EvaluateAsync<int>("i => i.naturalWidth")).Should().BeGreaterThan(0);
        await AuditAsync(page, "branded tenant (acme)", found);

        await page.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("button.secondary")).ToBeVisibleAsync();
        await AuditAsync(page, "branded tenant unsubscribed", found);

        found.ToString().Should().BeEmpty($"every state of the {language} page meets WCAG 2.2 A and AA as axe-core checks it");
    }

    [SkippableFact]
    public async Task The_page_reflows_without_horizontal_scrolling_at_412_px_and_at_200_and_400_percent_zoom()
    {
        var chromium = Chromium.Require();
        await using var host = await Tenants.StartAsync();
        var plain = await Tenants.TokenAsync(host, Plain, Number);
        var branded = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright, chromium);
        var screenshots = Chromium.ScreenshotFolder();
        var overflowing = new List<string>();

        // A 412 px phone; a 1280 × 800 window at 200 % browser zoom (640 CSS px, two device pixels each); at 400 % (320 CSS px, WCAG 1.4.10).
        var layouts = new (string Name, ViewportSize Viewport, float Scale, string? Screenshot)[]
        {
            ("412 px", new ViewportSize { Width = 412, Height = 915 }, 2.625f, "landing-412px.png"),
            ("200 % zoom", new ViewportSize { Width = 640, Height = 400 }, 2, "landing-zoom200.png"),
            ("400 % zoom", new ViewportSize { Width = 320, Height = 200 }, 4, null),
        };
        foreach (var (name, viewport, scale, screenshot) in layouts)
        {
            foreach (var (language, locale) in Languages.Select(row => ((string)row[0], (string)row[1])))
            {
                var context = await NewContextAsync(browser, locale, viewport, scale);
                var page = await context.NewPageAsync();
                foreach (var (state, url) in new[] { ("plain", Url(host, plain)), ("branded", Url(host, branded, Tenants.AcmeHost)) })
                {
                    await OpenAsync(page, url, 200, language);
                    var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                    widths[1].Should().Be(viewport.Width, "the viewport is {0} CSS px wide", viewport.Width);
                    if (widths[0] > widths[1])
                    {
                        overflowing.Add($"{name}, {language}, {state}: scrollWidth {widths[0]} > clientWidth {widths[1]}");
                    }

                    if (screenshot is not null && language == "en" && state == "plain")
                    {
                        var path = Path.Combine(screenshots, screenshot);
                        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                        (await File.ReadAllBytesAsync(path)).AsSpan(0, 4).ToArray().Should().Equal(0x89, 0x50, 0x4E, 0x47);
                    }
                }

                await context.CloseAsync();
            }
        }

        overflowing.Should().BeEmpty("the page reflows into the viewport without horizontal scrolling");
    }

    [SkippableFact]
    public async Task The_page_works_with_the_keyboard_alone()
    {
        var chromium = Chromium.Require();
        await using var host = await Tenants.StartAsync();
        var token = await Tenants.TokenAsync(host, Tenants.Acme, Number);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright, chromium);
        var context = await NewContextAsync(browser, "en-US", new ViewportSize { Width = 1024, Height = 768 }, scale: 1);
        var page = await context.NewPageAsync();
        await OpenAsync(page, Url(host, token, Tenants.AcmeHost), 200, "en");

        await page.Keyboard.PressAsync("Tab");

        (await page.EvaluateAsync<string>("() => document.activeElement.outerHTML")).Should().Be("<button type=\"submit\">Unsubscribe</button>", "the first Tab reaches the unsubscribe button");
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineWidth")).Should().Be("3px", "the focused button shows its focus ring");
        (await host.IsSuppressedAsync(Number)).Should().BeFalse();

        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You are unsubscribed");
        (await host.IsSuppressedAsync(Number)).Should().BeTrue("Enter on the button opted out");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).Should().Be("I changed my mind", "the undo is the next stop of the keyboard");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')")).Should().Be("https://acme.example/privacy", "the brand's links follow");
    }

    [SkippableFact]
    public async Task The_confirmation_page_stays_within_its_budget_of_20_KB_transferred_and_has_no_script()
    {
        var chromium = Chromium.Require();
        await using var host = await Tenants.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright, chromium);
        var context = await NewContextAsync(browser, "ru-RU", new ViewportSize { Width = 390, Height = 844 }, scale: 2);
        var page = await context.NewPageAsync();
        var sizes = new List<string>();

        // The plain page and the branded one with a logo by URL and one with an embedded logo (the heaviest).
        var pages = new[]
        {
            ("plain", Url(host, await Tenants.TokenAsync(host, Plain, Number))),
            ("acme", Url(host, await Tenants.TokenAsync(host, Tenants.Acme, Number), Tenants.AcmeHost)),
            ("globex", Url(host, await Tenants.TokenAsync(host, Tenants.Globex, Number), Tenants.GlobexHost)),
        };
        foreach (var (name, url) in pages)
        {
            var requests = new List<IRequest>();
            page.RequestFinished += Finished;
            var response = await page.GotoAsync(url);
            response!.Status.Should().Be(200);
            var sent = await response.Request.SizesAsync();
            var transferred = sent.ResponseHeadersSize + sent.ResponseBodySize;
            sizes.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {transferred} bytes"));

            transferred.Should().BeGreaterThan(1_000, "the sizes are measured").And.BeLessThanOrEqualTo(PageBudgetBytes, "the {0} page stays within 20 KB transferred", name);
            (await page.Locator("script").CountAsync()).Should().Be(0);
            (await response.HeaderValueAsync("content-security-policy")).Should().StartWith("default-src 'none'").And.NotContain("script-src");
            page.RequestFinished -= Finished;
            requests.Where(r => r.Url != url && !r.Url.StartsWith(Tenants.AcmeLogo, StringComparison.Ordinal)).Select(r => r.Url).Should().BeEmpty("the page loads nothing but its logo");

            void Finished(object? sender, IRequest request) => requests.Add(request);
        }

        Console.WriteLine(string.Join("; ", sizes));
    }

    internal static Task<IBrowser> LaunchAsync(IPlaywright playwright, string chromium) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = chromium,
        Headless = true,
        Args = [$"--host-resolver-rules=MAP {DeploymentHost} 127.0.0.1, MAP {Tenants.AcmeHost} 127.0.0.1, MAP {Tenants.GlobexHost} 127.0.0.1"],
    });

    internal static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string locale, ViewportSize viewport, float scale)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport, DeviceScaleFactor = scale, Locale = locale, IsMobile = false, HasTouch = false,
        });
        await context.RouteAsync(Tenants.AcmeLogo, route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "image/svg+xml",
            Body = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"40\"><rect width=\"160\" height=\"40\" rx=\"6\" fill=\"#1a5e20\"/><text x=\"80\" y=\"26\" font-family=\"sans-serif\" font-size=\"18\" fill=\"#fff\" text-anchor=\"middle\">ACME</text></svg>",
        }));
        return context;
    }

    internal static string Url(LandingHost host, string token, string domain = DeploymentHost) => $"http://{domain}:{host.BaseAddress.Port}/u/{token}";

    /// <summary>Opens <paramref name="url"/>, expecting <paramref name="status"/> and a page in <paramref name="language"/>.</summary>
    internal static async Task OpenAsync(IPage page, string url, int status, string language)
    {
        var response = await page.GotoAsync(url);
        response!.Status.Should().Be(status, "{0} answers {1}", url, status);
        (await page.EvaluateAsync<string>("() => document.documentElement.lang")).Should().Be(language, "Accept-Language chose the page's language");
    }

    /// <summary>Runs axe with the WCAG A and AA tags and notes each violation: its id, impact, help and target nodes.</summary>
    internal static async Task AuditAsync(IPage page, string state, StringBuilder found)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        result.Passes.Should().NotBeEmpty("axe ran its rules on the {0} page", state);
        foreach (var violation in result.Violations)
        {
            found.Append(CultureInfo.InvariantCulture, $"\n[{state}] {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                found.Append(CultureInfo.InvariantCulture, $"\n    {node.Target}: {node.Html}");
            }
        }
    }
}
