using System.Net;

namespace SmsOptOut.Packaging.Tests;

/// <summary>The WebApi sample maps every provider it is configured with and says which URL goes into each console, and its health checks.</summary>
[Trait("Category", "Slow")]
public sealed class WebApiSampleTests
{
    [Fact]
    public async Task The_WebApi_sample_maps_every_configured_provider_and_prints_its_URL()
    {
        var sample = Path.Combine(Repository.Root, "samples", "SmsOptOut.Samples.WebApi", "bin", Repository.Configuration, "net10.0", "SmsOptOut.Samples.WebApi.dll");

        var (output, answers) = await WebApiSample.CheckAsync(sample, Path.GetDirectoryName(sample)!);

        foreach (var provider in WebApiSample.Providers)
        {
            answers[provider].Should().Be(HttpStatusCode.Forbidden, $"{provider}'s webhook is mapped and refuses an unsigned request\n{output}");
            output.Should().Contain($"Paste into {provider}'s console: http://127.0.0.1:");
        }

        answers["bandwidth"].Should().Be(HttpStatusCode.NotFound, "no such provider is registered");
        answers.Should().Contain("health: Healthy", HttpStatusCode.OK, "the sample maps the SmsOptOut health checks at /health");
        answers["dashboard, anonymous"].Should().Be(HttpStatusCode.Redirect, "the dashboard sends the anonymous to the sign-in");
        answers["demo sign-in"].Should().Be(HttpStatusCode.Redirect);
        answers.Should().Contain("dashboard, signed in with its chart", HttpStatusCode.OK);
        answers.Should().Contain("dashboard accounts: acme, demo, globex", HttpStatusCode.OK, "the accounts come from the account settings in the sample's appsettings.json (configuration orders keys); answers: {0}", string.Join(" | ", answers.Keys));
        answers.Should().Contain("landing page of Demo Shop", HttpStatusCode.OK, "the display name comes from the account's settings");
        answers.Should().Contain("acme on acme.localhost: preference center with its logo", HttpStatusCode.OK, "acme's link is on its own domain, in its brand");
        answers.Should().Contain("globex on globex.localhost: preference center with its logo", HttpStatusCode.OK);
        answers.Should().Contain("dashboard list in New York time", HttpStatusCode.OK);
        output.Should().Contain("/sms/inbound/smsto?secret=<SmsTo:CallbackSecret>");
        answers.Should().Contain("sign-in back to /optout-admin/webhooks -> /optout-admin/webhooks", HttpStatusCode.Redirect, "a URL of this site is kept");
        foreach (var elsewhere in WebApiSample.SignInReturnUrls.Skip(1))
        {
            answers.Should().Contain($"sign-in back to {elsewhere} -> /", HttpStatusCode.Redirect, $"'{elsewhere}' leaves the site, so the sign-in sends to / instead\n{output}");
        }
    }
}
