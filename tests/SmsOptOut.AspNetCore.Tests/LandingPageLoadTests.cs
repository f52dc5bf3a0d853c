using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.AspNetCore.Tests.Support;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using Xunit.Abstractions;

namespace SmsOptOut.AspNetCore.Tests;

/// <summary>
/// A bounded load loop on loopback with SQLite storage (synchronous=FULL): 32 concurrent clients open 10,000 links
/// (GET) and unsubscribe (POST), 20,000 requests. No 5xx, and every POSTed opt-out is stored with its webhook.
/// Latencies go to the test output (recorded in docs/benchmarks.md); correctness is what is asserted. Run with the plain
/// page and with the preference center on (three host lists checked per GET, the pause offered), so the two figures come
/// from one run.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LandingPageLoadTests(ITestOutputHelper output)
{
    private const int Links = 10_000;
    private const int Clients = 32;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Twenty_thousand_requests_from_32_clients_lose_no_opt_out(bool preferenceCenter)
    {
        await using var host = await LandingHost.StartAsync(o => o.PermitsPerMinutePerClient = 1_000_000, core: o =>
        {
            o.PreferenceCenter.Enabled = preferenceCenter;
            o.PreferenceCenter.PauseDurations.Add(TimeSpan.FromDays(30));
        }, services: s => s.AddSingleton<SmsOptOut.Preferences.IPreferenceListProvider, RecipientLists>());
        var numbers = Enumerable.Range(0, Links).Select(i => PhoneNumber.FromValue(4_917_600_000_000UL + (ulong)i)).ToArray();
        var generator = host.Services.GetRequiredService<IOptOutLinkGenerator>();
        var tokens = new List<string>(Links);
        foreach (var chunk in numbers.Chunk(1_000))
        {
            tokens.AddRange((await generator.CreateManyAsync(chunk.Select(n => new OptOutLinkTarget(LandingHost.Account, LandingHost.List, n)).ToArray())).Select(l => l.Token));
        }

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = host.BaseAddress };
        var latencies = new ConcurrentBag<(string Method, double Milliseconds)>();
        var statuses = new ConcurrentDictionary<int, int>();
        var next = -1;
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Links; i = Interlocked.Increment(ref next))
            {
                await Timed("GET", () => client.GetAsync($"/u/{tokens[i]}"));
                await Timed("POST", () => client.PostAsync($"/u/{tokens[i]}", LandingPageTests.Form(("action", "unsubscribe"))));
            }
        })));
        started.Stop();

        var suppressed = new bool[Links];
        var stored = await host.Store.FilterAsync(LandingHost.Account, null, numbers, suppressed);
        var counts = await host.Outbox.CountAsync();
        output.WriteLine($"{(preferenceCenter ? "preference center" : "plain page")}: {latencies.Count:N0} requests from {Clients} clients in {started.Elapsed.TotalSeconds:F1} s ({latencies.Count / started.Elapsed.TotalSeconds:N0}/s); " +
            $"statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))}");
        foreach (var method in new[] { "GET", "POST" })
        {
            var sorted = latencies.Where(l => l.Method == method).Select(l => l.Milliseconds).Order().ToArray();
            output.WriteLine($"{method}: p50 {Percentile(sorted, 0.50):F1} ms, p90 {Percentile(sorted, 0.90):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms");
        }

        latencies.Should().HaveCount(2 * Links);
        statuses.Keys.Should().Equal([200], "no 5xx, no 429 (the limit is raised for this loop), nothing else");
        stored.Should().Be(Links, "every POSTed opt-out is in the store");
        counts.Pending.Should().Be(Links, "and every one owes its webhook");

        async Task Timed(string method, Func<Task<HttpResponseMessage>> send)
        {
            var watch = Stopwatch.StartNew();
            using var response = await send();
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add((method, watch.Elapsed.TotalMilliseconds));
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
