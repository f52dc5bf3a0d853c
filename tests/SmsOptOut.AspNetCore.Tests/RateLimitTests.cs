using System.Net;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>The landing page's per-client rate limit.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_client_over_the_limit_gets_a_429_page_with_retry_after_and_opts_nobody_out()
    {
        await using var host = await LandingHost.StartAsync(o => o.PermitsPerMinutePerClient = 3);
        var number = PhoneNumber.Parse("+4917612345678");
        var token = await host.TokenAsync(number);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await host.Client.GetAsync($"/u/{token}")).StatusCode);
        }

        var limited = await host.Client.PostAsync($"/u/{token}", LandingPageTests.Form(("action", "unsubscribe")));

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        (await limited.Content.ReadAsStringAsync()).Should().Contain("Too many requests");
        limited.Headers.GetValues("Content-Security-Policy").Should().ContainSingle();
        (await host.IsSuppressedAsync(number)).Should().BeFalse("the refused POST changed nothing");
    }

    [Fact]
    public void A_limit_below_one_is_refused_when_mapping()
    {
        var act = () => LandingHost.StartAsync(o => o.PermitsPerMinutePerClient = 0).GetAwaiter().GetResult();

        act.Should().Throw<InvalidOperationException>().WithMessage("*PermitsPerMinutePerClient must be at least 1, not 0*");
    }
}
