using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// The landing page's per-client rate limit counts only requests whose token fails to verify: guessing stays slow,
/// and people behind one shared address (a carrier's CGNAT) are never refused. Clients are told apart by
/// <c>X-Forwarded-For</c> through <c>UseForwardedHeaders()</c>, as behind a real proxy.
/// </summary>
public sealed class RateLimitTests
{
    private const string CarrierAddress = "198.51.100.7";
    private const string GuesserAddress = "203.0.113.9";

    [Fact]
    public async Task Two_hundred_recipients_behind_one_address_all_opt_out_within_a_minute_while_a_guesser_is_limited()
    {
        await using var host = await StartAsync(permitsPerMinute: 30);
        var numbers = Enumerable.Range(0, 200).Select(i => PhoneNumber.FromValue(4_917_610_000_000UL + (ulong)i)).ToArray();
        var tokens = new List<string>();
        foreach (var number in numbers)
        {
            tokens.Add(await host.TokenAsync(number));
        }

        var guesses = new List<HttpStatusCode>();
        var people = new List<HttpStatusCode>();
        for (var i = 0; i < numbers.Length; i++)
        {
            people.Add((await SendAsync(host, HttpMethod.Get, tokens[i], CarrierAddress)).StatusCode);
            people.Add((await SendAsync(host, HttpMethod.Post, tokens[i], CarrierAddress)).StatusCode);
            if (i % 4 == 0)
            {
                guesses.Add((await SendAsync(host, HttpMethod.Post, RandomToken(), GuesserAddress)).StatusCode);
            }
        }

        people.Should().HaveCount(400).And.AllBeEquivalentTo(HttpStatusCode.OK, "a valid token is never rate limited");
        foreach (var number in numbers)
        {
            (await host.IsSuppressedAsync(number)).Should().BeTrue();
        }

        guesses.Should().HaveCount(50);
        guesses.Take(30).Should().AllBeEquivalentTo(HttpStatusCode.NotFound);
        guesses.Skip(30).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests, "30 failed tokens a minute is all a guesser gets");
    }

    [Fact]
    public async Task A_client_over_the_limit_gets_a_429_page_with_retry_after_for_bad_tokens_and_still_opts_out_with_a_valid_one()
    {
        await using var host = await StartAsync(permitsPerMinute: 3);
        var number = PhoneNumber.Parse("+4917612345678");
        var token = await host.TokenAsync(number);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await SendAsync(host, HttpMethod.Get, RandomToken(), GuesserAddress)).StatusCode);
        }

        var limited = await SendAsync(host, HttpMethod.Post, RandomToken(), GuesserAddress);
        var valid = await SendAsync(host, HttpMethod.Post, token, GuesserAddress);

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.NotFound);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        (await limited.Content.ReadAsStringAsync()).Should().Contain("Too many requests");
        limited.Headers.GetValues("Content-Security-Policy").Should().ContainSingle();
        valid.StatusCode.Should().Be(HttpStatusCode.OK, "the limit never refuses a request carrying a valid token");
        (await host.IsSuppressedAsync(number)).Should().BeTrue();
    }

    [Fact]
    public void A_limit_below_one_is_refused_when_mapping()
    {
        var act = () => LandingHost.StartAsync(o => o.PermitsPerMinutePerClient = 0).GetAwaiter().GetResult();

        act.Should().Throw<InvalidOperationException>().WithMessage("*PermitsPerMinutePerClient must be at least 1, not 0*");
    }

    private static Task<LandingHost> StartAsync(int permitsPerMinute) =>
        LandingHost.StartAsync(o => o.PermitsPerMinutePerClient = permitsPerMinute,
            app => app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor }));

    private static async Task<HttpResponseMessage> SendAsync(LandingHost host, HttpMethod method, string token, string clientAddress)
    {
        using var request = new HttpRequestMessage(method, $"/u/{token}");
        if (method == HttpMethod.Post)
        {
            request.Content = LandingPageTests.Form(("action", "unsubscribe"));
        }

        request.Headers.Add("X-Forwarded-For", clientAddress);
        return await host.Client.SendAsync(request);
    }

    private static string RandomToken() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 10);
}
