using Microsoft.Playwright;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The landing page in real headless Chromium on a phone-sized screen: open the link, see the masked number, click
/// Unsubscribe, see the confirmation. A screenshot of each page is saved to <c>artifacts/screenshots</c>, and the
/// browser must report no Content-Security-Policy violation (the page's only inline content is its hashed style).
/// </summary>
[Trait("Category", "Slow")]
public sealed class BrowserTests
{
    [SkippableFact]
    public async Task A_person_opens_the_link_clicks_unsubscribe_and_sees_the_confirmation()
    {
        var chromium = Chromium.Require();
        await using var host = await LandingHost.StartAsync();
        var number = PhoneNumber.Parse("+4917612345678");
        var token = await host.TokenAsync(number);
        var screenshots = Chromium.ScreenshotFolder();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        var opened = await page.GotoAsync(new Uri(host.BaseAddress, $"/u/{token}").ToString());
        opened!.Status.Should().Be(200);
        (await page.Locator("#number").InnerTextAsync()).Should().Be("+49 ••• ••• 5678");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Unsubscribe from Acme <Shoes> & Co text messages");
        (await host.IsSuppressedAsync(number)).Should().BeFalse("opening the link changes nothing");
        var landing = Path.Combine(screenshots, "landing-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = landing, FullPage = true });

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Unsubscribe" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You are unsubscribed");
        (await page.Locator("#number").InnerTextAsync()).Should().Be("+49 ••• ••• 5678");
        (await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "I changed my mind" }).IsVisibleAsync()).Should().BeTrue();
        var confirmation = Path.Combine(screenshots, "confirmation-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = confirmation, FullPage = true });

        (await host.IsSuppressedAsync(number)).Should().BeTrue();
        (await host.HistoryAsync(number)).Single().Evidence.UserAgent.Should().Contain("Chrome");
        consoleErrors.Should().BeEmpty("the page breaks no Content-Security-Policy rule");
        foreach (var file in new[] { landing, confirmation })
        {
            var bytes = await File.ReadAllBytesAsync(file);
            bytes.Length.Should().BeGreaterThan(1_000);
            bytes.AsSpan(0, 8).ToArray().Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        }
    }
}
