using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Tests.Migration;

/// <summary>
/// Moving a store's events from key layout 3 (each event's JSON twice, with five indexes) to layout 4 (each event once,
/// a binary record beside its leaf; the indexes and the suppressions' details in bucketed hashes): in place, answering every read as the layout-3 store did (the readback written by
/// that version), its leaves still matching the events, run twice, and run again over what a stopped run leaves.
/// </summary>
public sealed class RedisEventLayoutMigrationTests(RedisStorageFixture fixture) : IClassFixture<RedisStorageFixture>
{
    /// <summary>Layout 3's event keys, which layout 4 no longer has.</summary>
    private static readonly string[] OldEventKeys = ["evd", "evz", "evid", "logev", "logix", "seq", "supd", "evmoved"];

    [SkippableFact]
    public async Task A_layout_3_store_moves_its_events_in_place_and_answers_every_read_the_same()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "ev4_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        await LegacyDataset.LoadLayout3Async(redis.GetDatabase(), prefix);
        await using var store = fixture.CreateStore(prefix);
        var schema = store.Services.GetRequiredService<IStorageSchema>();

        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(3, 9));
        (await schema.MigrateAsync()).Should().Be(new StorageSchemaVersion(9, 9), "a second run finds nothing to move");

        (await ReadAsync(store)).Should().Be(await LegacyDataset.Layout3ReadbackAsync());
        var names = redis.GetServers().Single().Keys(pattern: "{" + prefix + ":a:*").Select(k => (string)k!).ToArray();
        names.Should().NotContain(k => OldEventKeys.Any(o => k.EndsWith("}:" + o, StringComparison.Ordinal)) || k.Contains("}:hist:", StringComparison.Ordinal)
            || k.Contains("}:evn:", StringComparison.Ordinal), "the old event keys are gone");
        names.Should().Contain("{" + prefix + ":a:acme}:ev:0");
        await AssertLeavesMatchAsync(store);
    }

    [SkippableFact]
    public async Task The_moved_events_take_new_writes_erasure_and_retention_like_new_ones()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "ev4w_" + Guid.NewGuid().ToString("N")[..8];
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration))
        {
            await LegacyDataset.LoadLayout3Async(redis.GetDatabase(), prefix);
        }

        await using var store = fixture.CreateStore(prefix, s => s.Configure<SmsOptOutOptions>(o => o.Retention.MinimizeEvidenceAfter = TimeSpan.FromDays(1)));
        var acme = Layout3Scenario.Acme;
        var us30 = TestNumbers.Us(30);
        var moved = (await store.HistoryAsync(acme, us30)).Single();

        (await store.Suppression.ApplyAsync(Events.OptOut(acme, us30, TestStore.Epoch, id: moved.EventId), [])).Should().Be(ConsentApplyStatus.Duplicate, "moved ids are still known");
        (await store.Suppression.ApplyAsync(Events.OptOut(acme, us30, TestStore.Epoch.AddHours(1)), [])).Should().Be(ConsentApplyStatus.Applied);
        (await store.HistoryAsync(acme, us30)).Should().HaveCount(2).And.StartWith(moved);
        (await ((IConsentLogStore)store.Suppression).GetLogSizeAsync(acme)).Should().Be(14,
            "the seven moved leaves, the five events from before the log that key layout 6 added, the record key layout 9 added to list Us(34)'s erased leaf, and the new one");
        var upgrade = (await ((IConsentLogStore)store.Suppression).ReadLogAsync(acme, 12, 1)).Single().Erasure;
        (upgrade?.RequestId, upgrade?.ErasedLeaves).Should().BeEquivalentTo(("smsoptout-upgrade", new long[] { 5 }));

        var erased = await store.DataSubjectService.EraseAsync(new Privacy.ErasureRequest(us30, "ticket-30", "asked") { Account = acme });
        erased.Records.Single().Events.Should().Be(2);
        (await store.HistoryAsync(acme, us30)).Should().BeEmpty();
        var log = await ((IConsentLogStore)store.Suppression).ReadLogAsync(acme, 0, 100);
        log.Where(e => e is { Event: null, Erasure: null }).Select(e => e.Index).Should().Equal([0L, 5L, 13L], "Us(30)'s two events (the new one after the five added from before the log) and Us(34)'s, erased before the move, keep their leaves only");
        erased.Records.Single().ErasedLeaves.Should().Equal([0L, 13L], "the erasure's record lists Us(30)'s leaves, the moved one included");
        (log[^1].Index, log[^1].Erasure?.RequestId).Should().Be((14L, "ticket-30"), "its record is the log's next leaf; Us(34)'s, from before the move, is listed by the move's");
        (await ((IConsentLogStore)store.Suppression).FindLogEntryAsync(acme, moved.EventId)).Should().BeNull();

        (await store.DataSubjects.MinimizeEvidenceAsync(TestStore.Epoch.AddDays(1), 100)).Should().Be(1, "only Us(31)'s STOP reply still holds personal details");
        (await store.HistoryAsync(acme, TestNumbers.Us(31))).Single().Evidence.Note.Should().BeNull();
        var movedAt = store.Time.GetUtcNow();
        store.Time.Advance(TimeSpan.FromDays(2)); // past the age minimization reaches, which verification takes a salt-less event from
        var verification = await store.Services.GetRequiredService<IConsentEvidence>().VerifyAsync(acme);
        verification.IsIntact.Should().BeTrue(verification.Divergence?.Reason);
        (verification.LogSize, verification.Checked).Should().Be((15L, 8L), "Us(32)'s and Us(33)'s three events and the five from before the log; the erased and minimised ones keep their leaves unchecked");
        (verification.Backfilled, verification.BackfilledAt).Should().Be((5L, movedAt), "the five were added when the store moved to key layout 6, and the verification says so");
    }

    [SkippableFact]
    public async Task A_move_run_again_over_what_a_stopped_run_left_ends_in_the_same_state()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "ev4r_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        await LegacyDataset.LoadLayout3Async(database, prefix);
        var acme = "{" + prefix + ":a:acme}";
        var globex = "{" + prefix + ":a:globex:eu}";

        // A run that stopped while writing acme's new keys: some of them there, wrong, and no marker.
        await database.ListRightPushAsync(acme + ":ev:0", "half-written");
        await database.HashSetAsync(acme + ":evix:0:0", "evt_a1", 99);
        await database.HashSetAsync(acme + ":evnum:0:0", "12120000001", "99");
        await database.StringSetAsync(acme + ":evnumc", 40);
        await database.HashSetAsync(acme + ":supd:0:0", "000012120000001|", "1|3|evt_wrong");
        await database.StringSetAsync(acme + ":supdc", 1);
        await using (var store = fixture.CreateStore(prefix))
        {
            (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(3, 9));
            (await ReadAsync(store)).Should().Be(await LegacyDataset.Layout3ReadbackAsync());
        }

        // A run that stopped after writing every account's new keys and its marker, before deleting the old keys.
        await LegacyDataset.LoadLayout3Async(database, prefix, key => key.EndsWith("}:layout", StringComparison.Ordinal)
            || OldEventKeys.Any(o => key.EndsWith("}:" + o, StringComparison.Ordinal)) || key.Contains("}:hist:", StringComparison.Ordinal) || key.Contains("}:evn:", StringComparison.Ordinal));
        await database.StringSetAsync(acme + ":evmoved", "1");
        await database.StringSetAsync(globex + ":evmoved", "1");
        await using (var store = fixture.CreateStore(prefix))
        {
            (await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync()).Should().Be(new StorageSchemaVersion(3, 9));
            (await ReadAsync(store)).Should().Be(await LegacyDataset.Layout3ReadbackAsync());
            await AssertLeavesMatchAsync(store);
        }

        (await database.KeyExistsAsync(acme + ":evd")).Should().BeFalse();
        (await database.KeyExistsAsync(acme + ":hist:12120000030")).Should().BeFalse();
        (await database.KeyExistsAsync(acme + ":evmoved")).Should().BeFalse();
    }

    [SkippableFact]
    public async Task An_event_deleted_behind_the_stores_back_before_the_move_is_still_named_by_the_verification()
    {
        fixture.ThrowIfUnavailable();
        var prefix = "ev4t_" + Guid.NewGuid().ToString("N")[..8];
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Configuration);
        var database = redis.GetDatabase();
        await LegacyDataset.LoadLayout3Async(database, prefix);
        var acme = "{" + prefix + ":a:acme}";
        var place = (string)(await database.HashGetAsync(acme + ":logev", 1))!;
        await database.HashDeleteAsync(acme + ":evd", place[..place.LastIndexOf('|')]);

        await using var store = fixture.CreateStore(prefix);
        var verification = await store.Services.GetRequiredService<IConsentEvidence>().VerifyAsync(Layout3Scenario.Acme);

        verification.IsIntact.Should().BeFalse();
        verification.Divergence!.Reason.Should().Contain("was deleted, and not by an erasure");
        (verification.Divergence.Index, verification.Divergence.EventId).Should().Be((1L, place[(place.LastIndexOf('|') + 1)..]));
    }

    private static Task<string> ReadAsync(TestStore store) => LayoutReadback.ReadAsync(store, Layout3Scenario.Accounts, Layout3Scenario.Numbers);

    /// <summary>Every moved event with its salt still hashes to its leaf: the record keeps the canonical event.</summary>
    private static async Task AssertLeavesMatchAsync(TestStore store)
    {
        var checkedEvents = 0;
        foreach (var account in Layout3Scenario.Accounts)
        {
            foreach (var entry in await ((IConsentLogStore)store.Suppression).ReadLogAsync(account, 0, 100))
            {
                if (entry is { Event: { } e, Salt: { } salt })
                {
                    ConsentLogLeaf.Hash(e, salt).Should().Equal(entry.LeafHash, $"event {e.EventId} hashes to its leaf");
                    checkedEvents++;
                }
            }
        }

        checkedEvents.Should().Be(14, "acme's five events with salts and globex:eu's three — the minimised one has none, the erased one no event — and the six events from before the log that key layout 6 added with new salts");
        var backfilled = await LayoutReadback.ReadBackfilledAsync(store, Layout3Scenario.Accounts);
        backfilled.Select(line => string.Join(' ', line.Split(' ')[0], line.Split(' ')[2])).Should().Equal(LayoutReadback.PreLogEvents(await LegacyDataset.Layout3ReadbackAsync()),
            "every event from before the log joined it, in the order they were recorded");
        backfilled.Select(line => line.Split(' ')[0] + " " + line.Split(' ')[1]).Should().Equal(
            ["acme 7", "acme 8", "acme 9", "acme 10", "acme 11", "globex:eu 3"], "after the leaves already there");
    }
}
