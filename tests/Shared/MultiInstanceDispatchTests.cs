using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage.Worker;
using SmsOptOut.Testing;
using SmsOptOut.Tests.Fakes;
using SmsOptOut.Webhooks;
using Xunit.Abstractions;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// Several app instances (processes) dispatching one shared outbox to a receiver on 127.0.0.1: each webhook arrives
/// once in the normal case; when an instance is killed mid-delivery every webhook still arrives at least once; and the
/// number of attempts per webhook does not grow with the number of instances.
/// </summary>
[Trait("Category", "Slow")]
public abstract class MultiInstanceDispatchTests<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture>
    where TFixture : StorageFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected abstract string StorageName { get; }

    protected abstract string WorkerConnection(string isolationKey);

    [SkippableFact]
    public async Task Two_instances_deliver_each_webhook_exactly_once()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var (requests, distinct) = await RunAsync(receiver, instances: 2, webhooks: 400, leaseSeconds: 10, failPercent: 0);

        distinct.Should().Be(400);
        requests.Should().Be(400, "no webhook is delivered twice when no instance dies");
    }

    [SkippableFact]
    public async Task Killing_an_instance_mid_delivery_still_delivers_every_webhook()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var received = new ConcurrentDictionary<string, int>();
        receiver.Handle = async (request, context) =>
        {
            received.AddOrUpdate(request.Header("webhook-id")!, 1, (_, n) => n + 1);
            await Task.Delay(200);
            context.Response.StatusCode = 204;
        };
        var isolation = Isolation();
        // Leases of 6 s: long enough that on a loaded CI machine B's own 200 ms deliveries never outlive theirs, so the
        // only duplicates are what A had in flight when it died.
        await SeedAsync(isolation, receiver, 200, leaseSeconds: 6);
        using var a = WorkerProcess.Start("dispatch", StorageName, WorkerConnection(isolation), receiver.Url().ToString(), "6");
        using var b = WorkerProcess.Start("dispatch", StorageName, WorkerConnection(isolation), receiver.Url().ToString(), "6");

        await WaitAsync(() => received.Count >= 40, TimeSpan.FromSeconds(60), a, b);
        await a.KillAsync();
        var inFlightAtKill = received.Count;
        await WaitAsync(() => received.Count == 200, TimeSpan.FromSeconds(120), b);
        var bLines = b.Lines.ToArray();
        b.Dispose();

        received.Should().HaveCount(200, "every webhook arrives although an instance died holding leases");
        var duplicates = received.Values.Sum() - received.Count;
        output.WriteLine($"killed instance A after {inFlightAtKill} webhooks had arrived; {duplicates} arrived twice (in flight in A when it died)");
        duplicates.Should().BeLessThanOrEqualTo(8, "only what A had in flight (its concurrency) can arrive twice");
        bLines.Should().NotContain(l => l.StartsWith("error", StringComparison.Ordinal), "instance B keeps running: {0}", string.Join(" | ", bLines));
    }

    [SkippableFact]
    public async Task The_retry_rate_does_not_grow_with_the_number_of_instances()
    {
        var attemptsPerWebhook = new Dictionary<int, double>();
        foreach (var instances in new[] { 1, 4 })
        {
            await using var receiver = await TestReceiver.StartAsync();
            var (requests, distinct) = await RunAsync(receiver, instances, webhooks: 300, leaseSeconds: 10, failPercent: 30);
            distinct.Should().Be(300);
            attemptsPerWebhook[instances] = requests / (double)distinct;
            output.WriteLine($"{instances} instance(s): {requests} requests for {distinct} webhooks = {attemptsPerWebhook[instances]:F3} attempts each");
        }

        attemptsPerWebhook[4].Should().Be(attemptsPerWebhook[1], "the receiver fails the same attempts either way, and no instance repeats another's work");
    }

    private async Task<(int Requests, int Distinct)> RunAsync(TestReceiver receiver, int instances, int webhooks, int leaseSeconds, int failPercent)
    {
        var received = new ConcurrentDictionary<string, int>();
        var delivered = new ConcurrentDictionary<string, bool>();
        receiver.Handle = (request, context) =>
        {
            var id = request.Header("webhook-id")!;
            var attempt = received.AddOrUpdate(id, 1, (_, n) => n + 1);

            // The verdict depends on the number and the attempt, which are the same in every run (webhook ids are not).
            var number = System.Text.Json.JsonDocument.Parse(request.Body).RootElement.GetProperty("unsubscribed_number").GetString();
            var fail = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{number}/{attempt}"))) % 100 < failPercent;
            if (!fail)
            {
                delivered[id] = true;
            }

            context.Response.StatusCode = fail ? 500 : 204;
            return Task.CompletedTask;
        };
        var isolation = Isolation();
        await SeedAsync(isolation, receiver, webhooks, leaseSeconds);
        var workers = Enumerable.Range(0, instances)
            .Select(_ => WorkerProcess.Start("dispatch", StorageName, WorkerConnection(isolation), receiver.Url().ToString(), leaseSeconds.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        try
        {
            await WaitAsync(() => delivered.Count == webhooks, TimeSpan.FromSeconds(120), [.. workers]);
            // Every attempt is recorded after its answer: once none is pending, no delivery is left in flight to repeat.
            await Eventually.TrueAsync(async () => (await CountOutboxAsync(isolation)).Pending == 0, "every delivery to be recorded", TimeSpan.FromSeconds(60));
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Lines.Should().NotContain(l => l.StartsWith("error", StringComparison.Ordinal));
                worker.Dispose();
            }
        }

        return (received.Values.Sum(), received.Count);
    }

    private async Task SeedAsync(string isolation, TestReceiver receiver, int webhooks, int leaseSeconds)
    {
        Fixture.ThrowIfUnavailable();
        var services = new ServiceCollection();
        Fixture.UseStorage(services.AddSmsOptOut(o => WorkerStorage.Configure(o, receiver.Url().ToString(), leaseSeconds)), isolation);
        await using var provider = services.BuildServiceProvider();
        var optOut = provider.GetRequiredService<IOptOutService>();
        for (var start = 0; start < webhooks; start += 100)
        {
            await optOut.OptOutManyAsync(Enumerable.Range(start, Math.Min(100, webhooks - start))
                .Select(i => new ConsentRequest(new AccountId("dispatch"), WorkerStorage.Number(i), OptOutSource.Api)).ToArray());
        }

        (await provider.GetRequiredService<IWebhookOutboxStore>().CountAsync()).Pending.Should().Be(webhooks);
    }

    private async Task<Webhooks.OutboxCounts> CountOutboxAsync(string isolation)
    {
        var services = new ServiceCollection();
        Fixture.UseStorage(services.AddSmsOptOut(o => o.Webhooks.EnableDispatcher = false), isolation);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IWebhookOutboxStore>().CountAsync();
    }

    private static string Isolation() => "dispatch_" + Guid.NewGuid().ToString("N")[..8];

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, params WorkerProcess[] workers) =>
        Eventually.TrueAsync(condition, "the receiver's count", timeout,
            diagnostics: () => "The workers said: " + string.Join(" || ", workers.Select(w => string.Join(" | ", w.Lines.Take(6)))));
}
