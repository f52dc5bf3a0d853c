using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Processes;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using SmsOptOut.Testing;
using SmsOptOut.Webhooks;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.ConformanceTests;

/// <summary>
/// Several app instances (worker processes) over one storage (adapters declaring <see cref="StorageCapabilities.Shared"/>):
/// two processes opting out overlapping numbers and claiming the outbox at once lose nothing and claim nothing twice;
/// dispatching one outbox to a receiver on 127.0.0.1, each webhook arrives once in the normal case, every webhook still
/// arrives when an instance is killed mid-delivery, and the attempts per webhook do not grow with the instances.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[Trait("Category", "Slow")]
[ConformanceSuite(Requires = StorageCapabilities.Shared)]
public abstract class MultiInstanceDispatchTests<TFixture>(TFixture fixture, ITestOutputHelper output) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task Two_processes_opting_out_and_claiming_at_once_lose_nothing_and_claim_nothing_twice()
    {
        Fixture.ThrowIfUnavailable();
        var isolation = Isolation();
        using var a = StorageWorkerProcess.Start(Fixture, StorageWorkerCommand.Contend, isolation, "worker-a", "0", "600");
        using var b = StorageWorkerProcess.Start(Fixture, StorageWorkerCommand.Contend, isolation, "worker-b", "300", "600");

        var exits = (await a.WaitAsync(TimeSpan.FromMinutes(2)), await b.WaitAsync(TimeSpan.FromMinutes(2)));

        a.Lines.Concat(b.Lines).Where(l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("stderr", StringComparison.Ordinal))
            .Should().BeEmpty("no storage error (a lock, a conflict) may surface to a caller");
        exits.Should().Be((0, 0));
        var applied = a.Lines.Concat(b.Lines).Where(l => l.StartsWith("applied ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        applied.Should().HaveCount(1_200);
        applied.Where(p => p[2] == nameof(ConsentApplyStatus.Applied)).Select(p => p[1]).Should().OnlyHaveUniqueItems()
            .And.HaveCount(900, "900 distinct numbers, each applied by exactly one process");
        var claimsA = a.Lines.Where(l => l.StartsWith("claim ", StringComparison.Ordinal)).ToList();
        var claimsB = b.Lines.Where(l => l.StartsWith("claim ", StringComparison.Ordinal)).ToList();
        claimsA.Concat(claimsB).Should().OnlyHaveUniqueItems("no row is claimed twice while its lease is live").And.HaveCount(900);
        output.WriteLine($"worker-a claimed {claimsA.Count}, worker-b claimed {claimsB.Count}");

        await using var store = Fixture.CreateStore(isolation);
        (await store.Outbox.CountAsync(WorkerOptions.Account)).Should().Be(new OutboxCounts(0, 900, 0));
        var events = 0;
        await foreach (var _ in store.Suppression.GetEventsAsync(WorkerOptions.Account, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1)))
        {
            events++;
        }

        events.Should().Be(900, "a number opted out by both processes has one event");
    }

    [SkippableFact]
    public virtual async Task Two_instances_deliver_each_webhook_exactly_once()
    {
        using var receiver = WebhookReceiver.Start();
        var (requests, distinct) = await RunAsync(receiver, instances: 2, webhooks: 400, leaseSeconds: 10, failPercent: 0);

        distinct.Should().Be(400);
        requests.Should().Be(400, "no webhook is delivered twice when no instance dies");
    }

    [SkippableFact]
    public virtual async Task Killing_an_instance_mid_delivery_still_delivers_every_webhook()
    {
        using var receiver = WebhookReceiver.Start();
        var received = new ConcurrentDictionary<string, int>();
        receiver.Handle = async (id, _) =>
        {
            received.AddOrUpdate(id, 1, (_, n) => n + 1);
            await Task.Delay(200);
            return 204;
        };
        var isolation = Isolation();
        // Leases of 6 s: long enough that on a loaded CI machine B's own 200 ms deliveries never outlive theirs, so the
        // only duplicates are what A had in flight when it died.
        await SeedAsync(isolation, receiver, 200, leaseSeconds: 6);
        using var a = StorageWorkerProcess.Start(Fixture, StorageWorkerCommand.Dispatch, isolation, receiver.Url.ToString(), "6");
        using var b = StorageWorkerProcess.Start(Fixture, StorageWorkerCommand.Dispatch, isolation, receiver.Url.ToString(), "6");

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
    public virtual async Task The_retry_rate_does_not_grow_with_the_number_of_instances()
    {
        var attemptsPerWebhook = new Dictionary<int, double>();
        foreach (var instances in new[] { 1, 4 })
        {
            using var receiver = WebhookReceiver.Start();
            var (requests, distinct) = await RunAsync(receiver, instances, webhooks: 300, leaseSeconds: 10, failPercent: 30);
            distinct.Should().Be(300);
            attemptsPerWebhook[instances] = requests / (double)distinct;
            output.WriteLine($"{instances} instance(s): {requests} requests for {distinct} webhooks = {attemptsPerWebhook[instances]:F3} attempts each");
        }

        attemptsPerWebhook[4].Should().Be(attemptsPerWebhook[1], "the receiver fails the same attempts either way, and no instance repeats another's work");
    }

    private async Task<(int Requests, int Distinct)> RunAsync(WebhookReceiver receiver, int instances, int webhooks, int leaseSeconds, int failPercent)
    {
        var received = new ConcurrentDictionary<string, int>();
        var delivered = new ConcurrentDictionary<string, bool>();
        receiver.Handle = (id, body) =>
        {
            var attempt = received.AddOrUpdate(id, 1, (_, n) => n + 1);

            // The verdict depends on the number and the attempt, which are the same in every run (webhook ids are not).
            var number = JsonDocument.Parse(body).RootElement.GetProperty("unsubscribed_number").GetString();
            var fail = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{number}/{attempt}"))) % 100 < failPercent;
            if (!fail)
            {
                delivered[id] = true;
            }

            return Task.FromResult(fail ? 500 : 204);
        };
        var isolation = Isolation();
        await SeedAsync(isolation, receiver, webhooks, leaseSeconds);
        var workers = Enumerable.Range(0, instances)
            .Select(_ => StorageWorkerProcess.Start(Fixture, StorageWorkerCommand.Dispatch, isolation, receiver.Url.ToString(), leaseSeconds.ToString(CultureInfo.InvariantCulture)))
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

    private async Task SeedAsync(string isolation, WebhookReceiver receiver, int webhooks, int leaseSeconds)
    {
        Fixture.ThrowIfUnavailable();
        var services = new ServiceCollection();
        Fixture.UseStorage(services.AddSmsOptOut(o => WorkerOptions.Configure(o, receiver.Url.ToString(), leaseSeconds)), isolation);
        await using var provider = services.BuildServiceProvider();
        var optOut = provider.GetRequiredService<IOptOutService>();
        for (var start = 0; start < webhooks; start += 100)
        {
            await optOut.OptOutManyAsync(Enumerable.Range(start, Math.Min(100, webhooks - start))
                .Select(i => new ConsentRequest(WorkerOptions.Account, WorkerOptions.Number(i), OptOutSource.Api)).ToArray());
        }

        (await provider.GetRequiredService<IWebhookOutboxStore>().CountAsync()).Pending.Should().Be(webhooks);
    }

    private async Task<OutboxCounts> CountOutboxAsync(string isolation)
    {
        await using var store = Fixture.CreateStore(isolation);
        return await store.Outbox.CountAsync();
    }

    private static string Isolation() => "dispatch_" + Guid.NewGuid().ToString("N")[..8];

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, params StorageWorkerProcess[] workers) =>
        Eventually.TrueAsync(condition, "the receiver's count", timeout,
            diagnostics: () => "The workers said: " + string.Join(" || ", workers.Select(w => string.Join(" | ", w.Lines.Take(6)))));
}
