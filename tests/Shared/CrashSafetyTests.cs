using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;
using Xunit.Abstractions;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// Crash safety, proven: a child process writes opt-outs in a loop and is killed (SIGKILL) at random moments, 20
/// times. After each kill, every opt-out it acknowledged is there with its consent event and its outbox row, and no
/// event is half applied (as many suppressions and outbox rows as events, no orphan).
/// </summary>
[Trait("Category", "Slow")]
public abstract class CrashSafetyTests<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture>
    where TFixture : StorageFixture
{
    private static readonly AccountId Account = new("crash");

    protected TFixture Fixture { get; } = fixture;

    /// <summary>The worker's name for the storage (<c>sqlite</c>, <c>postgres</c>, <c>redis</c>).</summary>
    protected abstract string StorageName { get; }

    /// <summary>The worker's connection argument for the storage of <paramref name="isolationKey"/>.</summary>
    protected abstract string WorkerConnection(string isolationKey);

    /// <summary>Counts stored events, suppressions and outbox rows, and items that exist without their event (or events without their rows).</summary>
    protected abstract Task<(long Events, long Suppressions, long Outbox, long Orphans)> CountAsync(string isolationKey);

    [SkippableFact]
    public async Task Acknowledged_opt_outs_survive_being_killed_20_times()
    {
        Fixture.ThrowIfUnavailable();
        var isolation = "crash_" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(20261127);
        var acknowledged = new HashSet<long>();
        long next = 0;
        for (var round = 0; round < 20; round++)
        {
            using var worker = WorkerProcess.Start("write", StorageName, WorkerConnection(isolation), next.ToString(CultureInfo.InvariantCulture));
            await worker.WaitForLinesAsync(lines => lines.Any(l => l.StartsWith("ack ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
            await Task.Delay(random.Next(20, 250));
            await worker.KillAsync();

            worker.Lines.Should().NotContain(l => l.StartsWith("error", StringComparison.Ordinal));
            var acks = worker.Lines.Where(l => l.StartsWith("ack ", StringComparison.Ordinal)).Select(l => long.Parse(l[4..], CultureInfo.InvariantCulture)).ToList();
            acks.Should().NotBeEmpty("round {0} must acknowledge opt-outs before the kill; the worker said: {1}", round, string.Join(" | ", worker.Lines.Take(10)));
            acknowledged.UnionWith(acks);
            next = acks.Max() + 2;

            var (events, suppressions, outbox, orphans) = await CountAsync(isolation);
            events.Should().BeGreaterThanOrEqualTo(acknowledged.Count, "an opt-out may commit just before the kill, before its acknowledgement is printed");
            suppressions.Should().Be(events);
            outbox.Should().Be(events);
            orphans.Should().Be(0);

            await using var store = Fixture.CreateStore(isolation);
            var numbers = acknowledged.Select(i => PhoneNumber.FromValue(12_120_000_000UL + (ulong)i)).ToArray();
            (await store.Suppression.FilterAsync(Account, null, numbers, new bool[numbers.Length])).Should().Be(numbers.Length, "every acknowledged opt-out is suppressed");
            output.WriteLine($"round {round + 1}: killed after {acks.Count} acknowledged opt-outs; {events} events stored");
        }
    }

    [SkippableFact]
    public async Task An_erasure_killed_midway_is_all_or_nothing_10_times()
    {
        Fixture.ThrowIfUnavailable();
        var isolation = "erasecrash_" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(20261128);
        for (var round = 0; round < 10; round++)
        {
            var first = 1_000_000L + (round * 200L);
            using var worker = WorkerProcess.Start("erase", StorageName, WorkerConnection(isolation), first.ToString(CultureInfo.InvariantCulture), "200");
            await worker.WaitForLinesAsync(lines => lines.Any(l => l.StartsWith("erased ", StringComparison.Ordinal)), TimeSpan.FromSeconds(120));
            await Task.Delay(random.Next(5, 120));
            await worker.KillAsync();
            worker.Lines.Should().NotContain(l => l.StartsWith("error", StringComparison.Ordinal));

            await using var store = Fixture.CreateStore(isolation);
            var records = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var r in store.DataSubjects.GetErasuresAsync(Account))
            {
                records.Add(r.RequestId);
            }

            var erased = 0;
            for (var i = first; i < first + 200; i++)
            {
                var number = PhoneNumber.FromValue(12_120_000_000UL + (ulong)i);
                var history = await store.HistoryAsync(Account, number);
                var tokens = await store.DataSubjects.GetTokensAsync(Account, number);
                var recorded = records.Contains("erase-" + i.ToString(CultureInfo.InvariantCulture));
                (await store.Suppression.IsSuppressedAsync(Account, number)).Should().BeTrue("number {0} is suppressed before, during and after its erasure", i);
                if (recorded)
                {
                    history.Should().BeEmpty("number {0} has an erasure record, so all of it is gone", i);
                    tokens.Should().BeEmpty("number {0} has an erasure record, so all of it is gone", i);
                    erased++;
                }
                else
                {
                    history.Should().ContainSingle("number {0} has no erasure record, so none of it is gone", i);
                    tokens.Should().ContainSingle("number {0} has no erasure record, so none of it is gone", i);
                }
            }

            var acknowledged = worker.Lines.Count(l => l.StartsWith("erased ", StringComparison.Ordinal));
            erased.Should().BeInRange(acknowledged, acknowledged + 1, "an erasure may commit just before the kill, before its acknowledgement is printed");
            output.WriteLine($"round {round + 1}: killed after {acknowledged} acknowledged erasures; {erased} complete, {200 - erased} untouched");
        }
    }
}
