using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Suppression;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Tests.Infrastructure;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests;

/// <summary>
/// The snapshots' change log on Redis (key layout 7, <c>supc</c>): a list with one element per count of the account's
/// change counter, the last element the counter's, trimmed to the last 10,000 counts; a snapshot catches up from its
/// last elements, and an erasure empties it (raising the floor) so the number leaves it.
/// </summary>
public sealed class RedisChangeLogTests(RedisStorageFixture fixture) : IClassFixture<RedisStorageFixture>
{
    private static readonly AccountId Acme = new("acme");

    [SkippableFact]
    public async Task The_log_keeps_one_element_per_count_up_to_ten_thousand_and_a_snapshot_catches_up_from_it()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "chg_" + Guid.NewGuid().ToString("N")[..8];
        await using var store = fixture.CreateStore(prefix);
        var at = store.Time.GetUtcNow();
        foreach (var chunk in Enumerable.Range(0, 10_050).Chunk(5_025))
        {
            await store.Suppression.ApplyBatchAsync([.. chunk.Select(i => new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(i), at), []))]);
        }

        PhoneNumber[] probed = [TestNumbers.Us(0), TestNumbers.Us(20_000), TestNumbers.Us(20_001), TestNumbers.Us(20_002)];
        await using var sender = store.BuildAnotherInstance(services => fixture.ConfigureSuppressionSnapshot(services, enabled: true, maxNumbers: 1_000_000));
        using var probe = new SnapshotProbe(sender, Acme, probed);
        await probe.WarmAsync();

        // Three counts later: an opt-out, a repeated one (no count), an opt-out and its opt-in.
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(20_000), at), []);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(20_000), at), []);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(20_001), at), []);
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(20_001), at.AddSeconds(1)), []);
        var fromMemory = probe.FromMemory;

        (await probe.FlagsAsync()).Should().Equal([true, true, false, false], "the snapshot caught up with the three counts since it loaded");
        probe.FromMemory.Should().Be(fromMemory + 1, "from the change log, without loading again");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        var root = "{" + prefix + ":a:acme}";
        (await database.KeyTypeAsync(root + ":supc")).Should().Be(RedisType.List);
        (await database.StringGetAsync(root + ":supv")).Should().Be(10_053);
        (await database.ListLengthAsync(root + ":supc")).Should().Be(10_000, "trimmed to the last 10,000 counts");
        var last = (await database.ListRangeAsync(root + ":supc", -3, -1)).Select(e => (string)e!).ToList();
        last[0..2].Should().Equal("n" + TestNumbers.Us(20_000).Value, "n" + TestNumbers.Us(20_001).Value);
        last[2].Should().StartWith("n" + TestNumbers.Us(20_001).Value + " p", "the opt-in notes the number with its pseudonyms, whose suppressions it would lift");
    }

    [SkippableFact]
    public async Task An_erasure_empties_the_log_but_for_the_pseudonym_and_a_snapshot_loads_again()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "chge_" + Guid.NewGuid().ToString("N")[..8];
        await using var store = fixture.CreateStore(prefix);
        var at = store.Time.GetUtcNow();
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), at), []);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(2), at), []);
        await using var sender = store.BuildAnotherInstance(services => fixture.ConfigureSuppressionSnapshot(services, enabled: true, maxNumbers: 1_000_000));
        using var probe = new SnapshotProbe(sender, Acme, [TestNumbers.Us(1), TestNumbers.Us(2), TestNumbers.Us(3)]);
        await probe.WarmAsync();

        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(1), "t-1", "asked") { Account = Acme });

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration))
        {
            var database = redis.GetDatabase();
            var root = "{" + prefix + ":a:acme}";
            var log = (await database.ListRangeAsync(root + ":supc")).Select(e => (string)e!).ToList();
            log.Should().ContainSingle().Which.Should().StartWith("p", "the pseudonym's count alone: the number left the log");
            (await database.StringGetAsync(root + ":supf")).Should().Be(await database.StringGetAsync(root + ":supv"), "the floor rose to the counter");
        }

        await probe.WarmAsync();
        (await probe.FlagsAsync()).Should().Equal([true, true, false], "the erased number stays suppressed under its pseudonym, from the snapshot loaded again");
    }
}
