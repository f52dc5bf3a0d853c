using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmsOptOut.Packaging.Tests;

/// <summary>
/// Runs the WebApi sample (from the repository's build or from packages) with every provider configured against
/// addresses on this machine, and checks that each provider's webhook is mapped and verifying.
/// </summary>
internal static class WebApiSample
{
    public static readonly string[] Providers = ["twilio", "smsto", "telnyx", "plivo", "vonage"];

    /// <summary>Return URLs the demo sign-in is asked to go back to: one of this site, and ways of naming another host.</summary>
    public static readonly string[] SignInReturnUrls = ["/optout-admin/webhooks", "//evil.example/x", "/\\evil.example/x", "https://evil.example/x", "/\t/evil.example"];

    /// <summary>Starts <paramref name="dll"/>, waits for its start-up lines, posts an unsigned webhook to every provider, and stops it.</summary>
    public static async Task<(string Output, Dictionary<string, HttpStatusCode> Answers)> CheckAsync(string dll, string workingDirectory)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        var database = Path.Combine(Path.GetTempPath(), $"smsoptout-webapi-{Guid.NewGuid():N}.db");
        foreach (var (key, value) in Configuration(port, database))
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var answers = new Dictionary<string, HttpStatusCode>();
            foreach (var provider in Providers.Append("bandwidth"))
            {
                var content = provider == "telnyx"
                    ? new StringContent("{\"data\":{}}", Encoding.UTF8, "application/json")
                    : (HttpContent)new FormUrlEncodedContent(new Dictionary<string, string> { ["From"] = "+14155552671", ["Body"] = "STOP" });
                answers[provider] = (await client.PostAsync($"/sms/inbound/{provider}", content)).StatusCode;
            }

            // The demo link's landing page names the account by the display name its settings give.
            var demoLink = new Uri(System.Text.RegularExpressions.Regex.Match(Text(), @"Demo opt-out link: (\S+)").Groups[1].Value);
            using var landing = await client.GetAsync(demoLink.PathAndQuery);
            answers["landing page" + ((await landing.Content.ReadAsStringAsync()).Contains("Demo Shop", StringComparison.Ordinal) ? " of Demo Shop" : string.Empty)] = landing.StatusCode;

            // Each demo tenant's link, on its own domain (the Host header), shows its preference center in its brand.
            foreach (var account in new[] { "acme", "globex" })
            {
                var tenantLink = new Uri(System.Text.RegularExpressions.Regex.Match(Text(), account + @" opt-out link \([^)]*\): (\S+)").Groups[1].Value);
                using var request = new HttpRequestMessage(HttpMethod.Get, tenantLink.PathAndQuery);
                request.Headers.Host = tenantLink.Host;
                using var page = await client.SendAsync(request);
                var html = await page.Content.ReadAsStringAsync();
                answers[$"{account} on {tenantLink.Host}" + (html.Contains("class=\"large\"", StringComparison.Ordinal) && html.Contains("<img class=\"logo\"", StringComparison.Ordinal)
                    ? ": preference center with its logo" : string.Empty)] = page.StatusCode;
            }

            using var health = await client.GetAsync("/health");
            answers["health: " + await health.Content.ReadAsStringAsync()] = health.StatusCode;

            // The dashboard: refused to the anonymous (sent to the sign-in), shown after the demo sign-in.
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new System.Net.CookieContainer() })
            {
                BaseAddress = client.BaseAddress,
            };
            answers["dashboard, anonymous"] = (await browser.GetAsync("/optout-admin/")).StatusCode;
            answers["demo sign-in"] = (await browser.PostAsync("/demo-login", null)).StatusCode;
            using var dashboard = await browser.GetAsync("/optout-admin/");
            var overview = await dashboard.Content.ReadAsStringAsync();
            answers["dashboard, signed in" + (overview.Contains("id=\"chart\"", StringComparison.Ordinal) ? " with its chart" : string.Empty)] = dashboard.StatusCode;
            answers["dashboard accounts: " + string.Join(", ", System.Text.RegularExpressions.Regex.Matches(overview, "<option(?: selected)?>([^<]+)</option>").Select(m => m.Groups[1].Value))] =
                dashboard.StatusCode;
            using var suppressions = await browser.GetAsync("/optout-admin/suppressions?account=globex");
            answers["dashboard list" + ((await suppressions.Content.ReadAsStringAsync()).Contains("Times are America/New_York", StringComparison.Ordinal) ? " in New York time" : string.Empty)] =
                suppressions.StatusCode;

            // The sign-in sends back only to this site: every other return URL becomes "/".
            foreach (var returnUrl in SignInReturnUrls)
            {
                using var signIn = await browser.PostAsync("/demo-login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), null);
                answers[$"sign-in back to {returnUrl} -> {signIn.Headers.Location?.OriginalString ?? "(none)"}"] = signIn.StatusCode;
            }

            return (Text(), answers);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("The WebApi sample did not start within a minute:\n" + Text());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }

        void Append(string? line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }

            if (line?.StartsWith("Demo opt-out link:", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Every provider's section, with credentials of the right shape and API addresses on a closed local port: nothing is sent anywhere.</summary>
    private static Dictionary<string, string> Configuration(int port, string database) => new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["Urls"] = $"http://127.0.0.1:{port}",
        ["PublicUrl"] = $"http://127.0.0.1:{port}",
        ["ConnectionStrings__SmsOptOut"] = $"Data Source={database}",
        ["DefaultProvider"] = "telnyx",
        ["Twilio__AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["Twilio__AuthToken"] = "sample-token", ["Twilio__From"] = "+18005550100",
        ["Twilio__BaseAddress"] = "http://127.0.0.1:1/",
        ["SmsTo__ApiKey"] = "sample-key", ["SmsTo__CallbackSecret"] = "sample-callback-secret-0123456789",
        ["SmsTo__BaseAddress"] = "http://127.0.0.1:1/", ["SmsTo__ContactsBaseAddress"] = "http://127.0.0.1:1/",
        ["Telnyx__ApiKey"] = "KEYsample", ["Telnyx__From"] = "+18005550101", ["Telnyx__PublicKey"] = "6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=",
        ["Telnyx__BaseAddress"] = "http://127.0.0.1:1/",
        ["Plivo__AuthId"] = "MAODUZYTQ0Y2FMYJBLOW", ["Plivo__AuthToken"] = "sample-token", ["Plivo__From"] = "+18005550102",
        ["Plivo__BaseAddress"] = "http://127.0.0.1:1/",
        ["Vonage__ApiKey"] = "abcd1234", ["Vonage__ApiSecret"] = "sample-secret", ["Vonage__From"] = "+447700900000", ["Vonage__SignatureSecret"] = "sample-signature-secret",
        ["Vonage__BaseAddress"] = "http://127.0.0.1:1/",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
