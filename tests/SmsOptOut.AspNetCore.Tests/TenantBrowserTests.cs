using Microsoft.Playwright;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// Two tenants' pages in real headless Chromium, each opened on its own link domain (the browser resolves acme.example
/// and go.globex.example to the test's Kestrel): acme's in Spanish, globex's in German, each with its brand. Screenshots
/// go to <c>artifacts/screenshots</c> (docs/landing-page.md shows copies); the browser reports no CSP violation.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TenantBrowserTests
{
    [SkippableTheory]
    [InlineData("acme", "es-ES", "Darse de baja de los SMS de Acme Outdoor", "Darme de baja", "landing-acme-es.png")]
    [InlineData("globex", "de-DE", "SMS von Globex Corporation abbestellen", "Abbestellen", "landing-globex-de.png")]
    public async Task A_tenants_page_opens_on_its_domain_in_the_visitors_language_with_its_brand(string tenant, string locale, string heading, string button, string screenshot)
    {
        var chromium = Chromium.Require();
        await using var host = await Tenants.StartAsync();
        var account = tenant == "acme" ? Tenants.Acme : Tenants.Globex;
        var domain = tenant == "acme" ? Tenants.AcmeHost : Tenants.GlobexHost;
        var token = await Tenants.TokenAsync(host, account, PhoneNumber.Parse("+4917612345678"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = [$"--host-resolver-rules=MAP {Tenants.AcmeHost} 127.0.0.1, MAP {Tenants.GlobexHost} 127.0.0.1"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = locale,
        });
        // acme's logo origin answers with a small image, so the screenshot shows what a browser would load.
        await context.RouteAsync(Tenants.AcmeLogo, route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "image/svg+xml",
            Body = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"40\"><rect width=\"160\" height=\"40\" rx=\"6\" fill=\"#1a5e20\"/><text x=\"80\" y=\"26\" font-family=\"sans-serif\" font-size=\"18\" fill=\"#fff\" text-anchor=\"middle\">ACME</text></svg>",
        }));
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        var opened = await page.GotoAsync($"http://{domain}:{host.BaseAddress.Port}/u/{token}");

        opened!.Status.Should().Be(200);
        (await page.Locator("h1").InnerTextAsync()).Should().Be(heading);
        (await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button }).IsVisibleAsync()).Should().BeTrue();
        (await page.Locator("img.logo").EvaluateAsync<int>("i => i.naturalWidth")).Should().BeGreaterThan(0, "the logo loads under the page's CSP");
        var path = Path.Combine(Chromium.ScreenshotFolder(), screenshot);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        // Over plain http on a name that is not localhost, Chromium also notes that it ignores Cross-Origin-Opener-Policy.
        errors.Where(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).Should().BeEmpty("the page breaks no Content-Security-Policy rule");
        (await File.ReadAllBytesAsync(path)).AsSpan(0, 4).ToArray().Should().Equal(0x89, 0x50, 0x4E, 0x47);
    }
}
