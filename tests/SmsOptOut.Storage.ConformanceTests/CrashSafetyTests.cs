using System.Globalization;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Processes;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.ConformanceTests;

/// <summary>
/// Crash safety, proven (adapters declaring <see cref="StorageCapabilities.Durable"/>): a worker process writes
/// opt-outs in a loop and is killed (SIGKILL) at random moments, 20 times. After each kill, every opt-out it
/// acknowledged is there with its consent event and its outbox row, and no event is half applied (as many suppressions
/// and outbox rows as events, each on an event's number). Erasures killed midway are all or nothing. The consent log
/// (adapters that also keep it) verifies after each kill, with as many leaves as stored events and every checkpoint
/// signed after an earlier kill still matching, and writing after the last kill continues it.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[Trait("Category", "Slow")]
[ConformanceSuite(Requires = StorageCapabilities.Durable)]
public abstract class CrashSafetyTests<TFixture>(TFixture fixture, ITestOutputHelper output) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    /// <summary>After each kill, adapter-specific checks of the storage of <paramref name="isolationKey"/> (a file's integrity check, an index's consistency). None by default.</summary>
    /// <param name="isolationKey">The storage the worker wrote.</param>
    /// <returns>A task that completes when the checks pass.</returns>
    protected virtual Task CheckStorageAfterKillAsync(string isolationKey) => Task.CompletedTask;

    /// <summary>
    /// Starts a worker writing opt-outs from <paramref name="next"/>, kills it at a random moment after its first
    /// acknowledgement, and returns the opt-outs it acknowledged (never none, never an error).
    /// </summary>
    private async Task<List<long>> WriteUntilKilledAsync(string isolation, long next, Random random, int round)
    {
        using var worker = StorageWorkerProcess.Start(Fixture, StorageWorkerCommand.Write, isolation, Text(next));
        await worker.WaitForLinesAsync(lines => lines.Any(l => l.StartsWith("ack ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        await Task.Delay(random.Next(20, 250));
        await worker.KillAsync();

        worker.Lines.Should().NotContain(l => l.StartsWith("error", StringComparison.Ordinal));
        var acks = worker.Lines.Where(l => l.StartsWith("ack ", StringComparison.Ordinal)).Select(l => long.Parse(l[4..], CultureInfo.InvariantCulture)).ToList();
        acks.Should().NotBeEmpty("round {0} must acknowledge opt-outs before the kill; the worker said: {1}", round, string.Join(" | ", worker.Lines.Take(10)));
        return acks;
    }

    [SkippableFact]
    public virtual async Task Acknowledged_opt_outs_survive_being_killed_20_times()
    {
        Fixture.ThrowIfUnavailable();
        var isolation = "crash_" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(20261127);
        var acknowledged = new HashSet<long>();
        long next = 0;
        for (var round = 0; round < 20; round++)
        {
            var acks = await WriteUntilKilledAsync(isolation, next, random, round);
            acknowledged.UnionWith(acks);
            next = acks.Max() + 2;

            await CheckStorageAfterKillAsync(isolation);
            await using var store = Fixture.CreateStore(isolation);
            var events = new HashSet<PhoneNumber>();
            await foreach (var e in store.Suppression.GetEventsAsync(WorkerOptions.Account, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1)))
            {
                events.Add(e.Number).Should().BeTrue("each number is opted out once, so it has one event");
            }

            var suppressed = new HashSet<PhoneNumber>();
            for (var page = await store.Suppression.GetSuppressedAsync(WorkerOptions.Account, SuppressionCursor.Start, 1000); page.Count > 0;
                page = await store.Suppression.GetSuppressedAsync(WorkerOptions.Account, page[^1].Cursor, 1000))
            {
                suppressed.UnionWith(page.Select(s => s.Number));
            }

            var outbox = await store.Outbox.CountAsync(WorkerOptions.Account);
            events.Count.Should().BeGreaterThanOrEqualTo(acknowledged.Count, "an opt-out may commit just before the kill, before its acknowledgement is printed");
            suppressed.Should().BeEquivalentTo(events, "an event and its suppression are written together or not at all");
            (outbox.Pending + outbox.Delivered + outbox.DeadLettered).Should().Be(events.Count, "an event and its webhook are written together or not at all");
            var numbers = acknowledged.Select(WorkerOptions.Number).ToArray();
            (await store.Suppression.FilterAsync(WorkerOptions.Account, null, numbers, new bool[numbers.Length])).Should().Be(numbers.Length, "every acknowledged opt-out is suppressed");
            output.WriteLine($"round {round + 1}: killed after {acks.Count} acknowledged opt-outs; {events.Count} events stored");
        }
    }

    [SkippableFact]
    public virtual async Task The_consent_log_verifies_after_its_writer_is_killed_10_times_and_grows_on_from_there()
    {
        Fixture.ThrowIfUnavailable();
        Skip.If((Fixture.Capabilities & StorageCapabilities.ConsentLog) == 0, $"{Fixture.GetType().Name} does not keep the consent log (StorageCapabilities.ConsentLog).");
        var isolation = "logcrash_" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(20261207);
        long next = 0, stored = 0;
        var checkpoints = 0;
        for (var round = 0; round < 10; round++)
        {
            var acks = await WriteUntilKilledAsync(isolation, next, random, round);
            next = acks.Max() + 2;

            await CheckStorageAfterKillAsync(isolation);
            await using var store = Fixture.CreateStore(isolation);
            var evidence = store.Services.GetRequiredService<IConsentEvidence>();
            var events = await CountEventsAsync(store);
            events.Should().BeGreaterThanOrEqualTo(stored + acks.Count, "round {0} stored at least the opt-outs it acknowledged, after the {1} of the rounds before", round, stored);
            var verification = await evidence.VerifyAsync(WorkerOptions.Account);
            verification.Divergence.Should().BeNull("round {0}: the writer killed mid-write leaves a log that verifies", round);
            verification.LogSize.Should().Be(events, "round {0}: one leaf per stored event, none for a write the kill cut short", round);
            verification.Checked.Should().Be(events, "round {0}: each leaf is recomputed from its stored event", round);
            verification.Checkpoints.Should().Be(checkpoints, "round {0}: every checkpoint signed after an earlier kill still matches the log's first leaves", round);

            // Signed now and checked after every later kill: a crash never rewrites what the log held before it.
            (await evidence.CheckpointAsync(WorkerOptions.Account)).TreeSize.Should().Be(events);
            checkpoints++;
            stored = events;
            output.WriteLine($"round {round + 1}: killed after {acks.Count} acknowledged opt-outs; {events} events, {verification.LogSize} leaves, intact");
        }

        await using (var store = Fixture.CreateStore(isolation))
        {
            var evidence = store.Services.GetRequiredService<IConsentEvidence>();
            store.Time.SetUtcNow(DateTimeOffset.UtcNow);
            var after = await store.OptOut.OptOutAsync(new ConsentRequest(WorkerOptions.Account, WorkerOptions.Number(next), OptOutSource.Api));

            var verification = await evidence.VerifyAsync(WorkerOptions.Account);
            var certificate = await evidence.CreateCertificateAsync(WorkerOptions.Account, after.Event.EventId);

            verification.Divergence.Should().BeNull("writing after the last kill continues the log");
            verification.LogSize.Should().Be(stored + 1).And.Be(await CountEventsAsync(store));
            verification.Checkpoints.Should().Be(checkpoints);
            var check = ConsentCertificateVerifier.Verify(certificate, evidence.PublicKeys);
            check.IsValid.Should().BeTrue(check.Failure ?? string.Empty);
            check.LeafIndex.Should().Be(stored, "the event written after the crashes is the next leaf");
        }
    }

    [SkippableFact]
    public virtual async Task An_erasure_killed_midway_is_all_or_nothing_10_times()
    {
        Fixture.ThrowIfUnavailable();
        var isolation = "erasecrash_" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(20261128);
        for (var round = 0; round < 10; round++)
        {
            var first = 1_000_000L + (round * 200L);
            using var worker = StorageWorkerProcess.Start(Fixture, StorageWorkerCommand.Erase, isolation, Text(first), "200");
            await worker.WaitForLinesAsync(lines => lines.Any(l => l.StartsWith("erased ", StringComparison.Ordinal)), TimeSpan.FromSeconds(120));
            await Task.Delay(random.Next(5, 120));
            await worker.KillAsync();
            worker.Lines.Should().NotContain(l => l.StartsWith("error", StringComparison.Ordinal));

            await CheckStorageAfterKillAsync(isolation);
            await using var store = Fixture.CreateStore(isolation);
            var records = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var r in store.DataSubjects.GetErasuresAsync(WorkerOptions.Account))
            {
                records.Add(r.RequestId);
            }

            var erased = 0;
            for (var i = first; i < first + 200; i++)
            {
                var number = WorkerOptions.Number(i);
                var history = await store.HistoryAsync(WorkerOptions.Account, number);
                var tokens = await store.DataSubjects.GetTokensAsync(WorkerOptions.Account, number);
                var recorded = records.Contains("erase-" + Text(i));
                (await store.Suppression.IsSuppressedAsync(WorkerOptions.Account, number)).Should().BeTrue("number {0} is suppressed before, during and after its erasure", i);
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

    private static async Task<long> CountEventsAsync(TestStore store)
    {
        long count = 0;
        await foreach (var e in store.Suppression.GetEventsAsync(WorkerOptions.Account, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1)))
        {
            count++;
        }

        return count;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
