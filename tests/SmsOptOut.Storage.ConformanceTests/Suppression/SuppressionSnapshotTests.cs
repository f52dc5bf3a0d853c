using System.Diagnostics.Metrics;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SmsOptOut.Consent;
using SmsOptOut.Diagnostics;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.ConformanceTests.Suppression;

/// <summary>
/// The suppression snapshot (adapters declaring <see cref="StorageCapabilities.SuppressionSnapshot"/>): a bulk filter
/// answered from the app's memory agrees with the store's own probe, and sees every change committed before its batch —
/// by this instance or another one — from the next batch on: opt-outs account-wide and per list, opt-ins, erasures. Which
/// batches memory answered is read from the <c>smsoptout.suppression_snapshot.batches</c> counter of the instance.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.SuppressionSnapshot | StorageCapabilities.Shared | StorageCapabilities.DataSubjects)]
public abstract class SuppressionSnapshotTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private const string Instrument = "smsoptout.suppression_snapshot.batches";

    private static readonly PhoneNumber[] Probe = [.. Enumerable.Range(0, 120).Select(i => TestNumbers.Us(i))];

    [SkippableFact]
    public virtual async Task A_snapshot_filter_agrees_with_the_store_probe_for_every_scope()
    {
        await using var store = Fixture.CreateStore(services => Fixture.ConfigureSuppressionSnapshot(services, enabled: false, maxNumbers: 0));
        var at = store.Time.GetUtcNow();
        await SeedAsync(store, at);
        await using var snapshot = store.BuildAnotherInstance(services => Fixture.ConfigureSuppressionSnapshot(services, enabled: true, maxNumbers: 1_000_000));
        using var batches = Batches(snapshot);
        await WarmAsync(snapshot, batches);

        foreach (var list in new ListId?[] { null, Newsletter, Offers, new ListId("unknown") })
        {
            var expected = new bool[Probe.Length];
            var expectedCount = await store.Suppression.FilterAsync(Acme, list, Probe, expected);
            var fromMemory = Memory(batches);
            var actual = new bool[Probe.Length];

            var count = await snapshot.GetRequiredService<ISuppressionStore>().FilterAsync(Acme, list, Probe, actual);

            Memory(batches).Should().Be(fromMemory + 1, "the batch is answered from the snapshot");
            actual.Should().Equal(expected, $"the snapshot answers as the store's probe does for list {list?.Value ?? "(account-wide)"}");
            count.Should().Be(expectedCount);
        }

        (await store.Suppression.FilterAsync(Acme, Newsletter, Probe, new bool[Probe.Length])).Should().BeInRange(1, Probe.Length - 1, "the seed suppresses some of the probe, not all");
    }

    [SkippableFact]
    public virtual async Task An_opt_out_by_another_instance_between_two_batches_is_skipped_from_the_next_batch_on()
    {
        await using var store = Fixture.CreateStore();
        var at = store.Time.GetUtcNow();
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), at), []);
        await using var sender = store.BuildAnotherInstance(services => Fixture.ConfigureSuppressionSnapshot(services, enabled: true, maxNumbers: 1_000_000));
        using var batches = Batches(sender);
        await WarmAsync(sender, batches);
        var filter = sender.GetRequiredService<ISuppressionStore>();
        var first = new[] { TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(3) };
        var second = new[] { TestNumbers.Us(4), TestNumbers.Us(5), TestNumbers.Us(6) };
        (await Flags(filter, null, first)).Should().Equal(true, false, false);

        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(5), at), []);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(2), at), []);

        var fromMemory = Memory(batches);
        (await Flags(filter, null, second)).Should().Equal([false, true, false], "the opt-out committed between the batches is seen by the next one");
        (await Flags(filter, null, first)).Should().Equal(true, true, false);
        Memory(batches).Should().Be(fromMemory + 2, "both batches were answered from the snapshot, brought up to date");
    }

    [SkippableFact]
    public virtual async Task List_scoped_changes_and_opt_ins_by_another_instance_are_seen_by_the_next_batch()
    {
        await using var store = Fixture.CreateStore();
        var at = store.Time.GetUtcNow();
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), at), []);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(2), at, Newsletter), []);
        await using var sender = store.BuildAnotherInstance(services => Fixture.ConfigureSuppressionSnapshot(services, enabled: true, maxNumbers: 1_000_000));
        using var batches = Batches(sender);
        await WarmAsync(sender, batches);
        var filter = sender.GetRequiredService<ISuppressionStore>();
        var numbers = new[] { TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(3) };
        (await Flags(filter, Newsletter, numbers)).Should().Equal(true, true, false);
        (await Flags(filter, Offers, numbers)).Should().Equal(true, false, false);

        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(1), at), []);
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(2), at, Newsletter), []);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(3), at, Offers), []);
        var fromMemory = Memory(batches);

        (await Flags(filter, Newsletter, numbers)).Should().Equal([false, false, false], "both opt-ins lift their suppression at once");
        (await Flags(filter, Offers, numbers)).Should().Equal([false, false, true], "the list-scoped opt-out counts in its list");
        (await Flags(filter, null, numbers)).Should().Equal([false, false, false], "and only there");
        Memory(batches).Should().Be(fromMemory + 3);
    }

    [SkippableFact]
    public virtual async Task An_erasure_by_another_instance_keeps_the_number_suppressed_and_an_opt_in_lifts_it()
    {
        await using var store = Fixture.CreateStore();
        var at = store.Time.GetUtcNow();
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), at), []);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(2), at, Newsletter), []);
        await using var sender = store.BuildAnotherInstance(services => Fixture.ConfigureSuppressionSnapshot(services, enabled: true, maxNumbers: 1_000_000));
        using var batches = Batches(sender);
        await WarmAsync(sender, batches);
        var filter = sender.GetRequiredService<ISuppressionStore>();
        var numbers = new[] { TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(3) };

        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(1), "req-1", "asked") { Account = Acme });
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(2), "req-2", "asked") { Account = Acme });

        // An erasure takes its number out of the store's change log, so the snapshots that may hold it load again.
        await WarmAsync(sender, batches);
        var fromMemory = Memory(batches);

        (await Flags(filter, Newsletter, numbers)).Should().Equal([true, true, false], "an erased number stays suppressed, under its pseudonym, in its scopes");
        (await Flags(filter, Offers, numbers)).Should().Equal(true, false, false);

        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(1), at), []);

        (await Flags(filter, Newsletter, numbers)).Should().Equal([false, true, false], "an opt-in of the erased number lifts its pseudonymous suppression");
        Memory(batches).Should().Be(fromMemory + 3);
    }

    [SkippableFact]
    public virtual async Task An_account_beyond_the_memory_bound_is_probed_in_the_store()
    {
        await using var store = Fixture.CreateStore(services => Fixture.ConfigureSuppressionSnapshot(services, enabled: true, maxNumbers: 5));
        var at = store.Time.GetUtcNow();
        for (var i = 0; i < 10; i++)
        {
            await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(i), at), []);
        }

        using var batches = Batches(store.Services);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            (await store.Suppression.FilterAsync(Acme, null, Probe, new bool[Probe.Length])).Should().Be(10);
            await Task.Delay(20);
        }

        Memory(batches).Should().Be(0, "ten suppressions do not fit in a bound of five");
        Store(batches).Should().Be(20);
    }

    [SkippableFact]
    public virtual async Task With_the_snapshot_off_every_batch_is_probed_in_the_store()
    {
        await using var store = Fixture.CreateStore(services => Fixture.ConfigureSuppressionSnapshot(services, enabled: false, maxNumbers: 1_000_000));
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), store.Time.GetUtcNow()), []);
        using var batches = Batches(store.Services);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await Flags(store.Suppression, null, [TestNumbers.Us(1), TestNumbers.Us(2)])).Should().Equal(true, false);
            await Task.Delay(20);
        }

        batches.GetMeasurementSnapshot().Should().BeEmpty("no snapshot is kept at all");
    }

    [SkippableFact]
    public virtual async Task A_snapshot_holds_no_number_after_its_reopened_store_changed_underneath()
    {
        await using var store = Fixture.CreateStore();
        var at = store.Time.GetUtcNow();
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), at), []);
        await using var sender = store.BuildAnotherInstance(services => Fixture.ConfigureSuppressionSnapshot(services, enabled: true, maxNumbers: 1_000_000));
        using var batches = Batches(sender);
        await WarmAsync(sender, batches);

        // Another instance goes away and comes back (a restarted process): its writes still reach the snapshot.
        await store.ReopenAsync();
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(1), at), []);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(2), at), []);

        (await Flags(sender.GetRequiredService<ISuppressionStore>(), null, [TestNumbers.Us(1), TestNumbers.Us(2)])).Should().Equal(false, true);
    }

    /// <summary>The counter of the instance's snapshot batches.</summary>
    /// <param name="services">The instance.</param>
    /// <returns>A collector; dispose it.</returns>
    protected static MetricCollector<long> Batches(IServiceProvider services) =>
        new(services.GetRequiredService<IMeterFactory>(), SmsOptOutDiagnostics.MeterName, Instrument);

    /// <summary>Filters until a batch is answered from memory (the snapshot loads in the background, again after an erasure), for at most 30 seconds.</summary>
    /// <param name="services">The instance.</param>
    /// <param name="batches">Its counter.</param>
    /// <returns>A task that completes when the snapshot is in use.</returns>
    protected static async Task WarmAsync(IServiceProvider services, MetricCollector<long> batches)
    {
        var filter = services.GetRequiredService<ISuppressionStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var before = Memory(batches);
        while (Memory(batches) == before)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the account's snapshot should load within seconds");
            await filter.FilterAsync(Acme, null, Probe, new bool[Probe.Length]);
            await Task.Delay(10);
        }
    }

    private static long Memory(MetricCollector<long> batches) => Count(batches, "memory");

    private static long Store(MetricCollector<long> batches) => Count(batches, "store");

    private static long Count(MetricCollector<long> batches, string source) =>
        batches.GetMeasurementSnapshot().Where(m => Equals(m.Tags["smsoptout.source"], source)).Sum(m => m.Value);

    private static async Task<bool[]> Flags(ISuppressionStore filter, ListId? list, PhoneNumber[] numbers)
    {
        var flags = new bool[numbers.Length];
        var count = await filter.FilterAsync(Acme, list, numbers, flags);
        count.Should().Be(flags.Count(f => f));
        return flags;
    }

    /// <summary>
    /// Account-wide and list-scoped opt-outs, opt-ins of some, erasures of an account-wide and a list-scoped one, and
    /// another account's opt-outs of the same numbers.
    /// </summary>
    private static async Task SeedAsync(TestStore store, DateTimeOffset at)
    {
        var writes = new List<ConsentWrite>();
        for (var i = 0; i < 40; i++)
        {
            writes.Add(new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(i * 3), at), []));
        }

        for (var i = 0; i < 20; i++)
        {
            writes.Add(new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us((i * 3) + 1), at, Newsletter), []));
            writes.Add(new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us((i * 5) + 2), at, Offers), []));
            writes.Add(new ConsentWrite(Events.OptOut(Globex, TestNumbers.Us((i * 3) + 2), at), []));
        }

        writes.Add(new ConsentWrite(Events.OptIn(Acme, TestNumbers.Us(3), at), []));
        writes.Add(new ConsentWrite(Events.OptIn(Acme, TestNumbers.Us(4), at, Newsletter), []));
        await store.Suppression.ApplyBatchAsync(writes);
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(6), "req-a", "asked") { Account = Acme });
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(7), "req-b", "asked") { Account = Acme });
    }
}
