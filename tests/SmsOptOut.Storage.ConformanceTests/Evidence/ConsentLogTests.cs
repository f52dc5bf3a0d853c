using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Privacy;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.ConformanceTests.Evidence;

/// <summary>
/// The contract of the tamper-evident consent log (<see cref="IConsentLogStore"/>, docs/evidence.md): every applied
/// event appends one leaf in commit order — the hash of the event as stored under its salt — and nothing else does; an
/// erasure keeps the leaf and removes the content, and the log still verifies; a changed field, a back-dated event, a
/// deleted record or a reordering behind the store's back is named by the verification; two instances writing at once
/// make one log.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.ConsentLog)]
public abstract class ConsentLogTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task Each_applied_event_appends_the_leaf_of_the_event_as_stored_and_nothing_else_does()
    {
        await using var store = Fixture.CreateStore();
        var a = await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword)
        {
            Evidence = new ConsentEvidence { MessageText = "STOP ✋ «Arrêt»", Note = "", IpAddress = "203.0.113.7" },
        });
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword));
        await store.OptOut.OptOutAsync(new ConsentRequest(Globex, TestNumbers.Us(1), OptOutSource.Api));
        store.Time.Advance(TimeSpan.FromTicks(1234567));
        var b = await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(2), OptOutSource.OptOutLink) { Scope = SuppressionScope.List, List = Newsletter });
        var c = await store.OptOut.OptInAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword));

        var log = await Log(store).ReadLogAsync(Acme, 0, 100);

        log.Select(e => e.EventId).Should().Equal(a.Event.EventId, b.Event.EventId, c.Event.EventId);
        log.Select(e => e.Index).Should().Equal(0, 1, 2);
        log.Should().AllSatisfy(e => e.LeafHash.Should().Equal(ConsentLogLeaf.Hash(e.Event!, e.Salt!), "the leaf is the event as stored, under its salt"));
        log.Should().AllSatisfy(e => e.FieldCheck.Should().Be(ConsentLogLeaf.FieldCheck(e.Event!, e.Salt!), "the field check is kept with the salt"));
        (await Log(store).GetLogSizeAsync(Acme)).Should().Be(3);
        (await Log(store).GetLogSizeAsync(Globex)).Should().Be(1);
        (await Log(store).ReadLogAsync(Acme, 2, 100)).Should().ContainSingle().Which.EventId.Should().Be(c.Event.EventId);
        (await Log(store).FindLogEntryAsync(Acme, b.Event.EventId))!.Index.Should().Be(1);
        (await Log(store).FindLogEntryAsync(Acme, "evt_unknown")).Should().BeNull();
    }

    [SkippableFact]
    public virtual async Task A_batch_logs_the_events_it_wrote_in_its_order_per_account_and_nothing_it_did_not()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(7), OptOutSource.Api));
        var a = Events.OptOut(Acme, TestNumbers.Us(1), now);
        var g = Events.OptOut(Globex, TestNumbers.Us(1), now);
        var b = Events.OptOut(Acme, TestNumbers.Us(2), now, Newsletter);
        var c = Events.OptIn(Acme, TestNumbers.Us(1), now);
        var writes = new[]
        {
            new ConsentWrite(a, []),
            new ConsentWrite(g, []),
            new ConsentWrite(a, []),                                             // the same id again: a duplicate
            new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(7), now), []),   // already opted out: nothing written
            new ConsentWrite(b, []),
            new ConsentWrite(c, []),
        };

        var statuses = await store.Suppression.ApplyBatchAsync(writes);

        statuses.Should().Equal(ConsentApplyStatus.Applied, ConsentApplyStatus.Applied, ConsentApplyStatus.Duplicate,
            ConsentApplyStatus.AlreadyInState, ConsentApplyStatus.Applied, ConsentApplyStatus.Applied);
        var acme = await Log(store).ReadLogAsync(Acme, 0, 100);
        acme.Select(e => e.Index).Should().Equal(0, 1, 2, 3);
        acme.Skip(1).Select(e => e.EventId).Should().Equal([a.EventId, b.EventId, c.EventId], "the written events, in the batch's order, after the earlier one");
        acme.Should().AllSatisfy(e => e.LeafHash.Should().Equal(ConsentLogLeaf.Hash(e.Event!, e.Salt!), "each leaf is its event as stored, under the salt stored with it"));
        (await Log(store).ReadLogAsync(Globex, 0, 100)).Should().ContainSingle().Which.EventId.Should().Be(g.EventId);
        (await store.Suppression.ApplyBatchAsync(writes)).Should().Equal(ConsentApplyStatus.Duplicate, ConsentApplyStatus.Duplicate, ConsentApplyStatus.Duplicate,
            ConsentApplyStatus.AlreadyInState, ConsentApplyStatus.Duplicate, ConsentApplyStatus.Duplicate);
        (await Log(store).GetLogSizeAsync(Acme)).Should().Be(4, "a replayed batch writes no leaf");
        (await Evidence(store).CheckpointAsync(Acme)).TreeSize.Should().Be(4);
        (await Evidence(store).VerifyAsync(Acme)).IsIntact.Should().BeTrue();
    }

    [SkippableFact]
    public virtual async Task A_checkpointed_log_verifies_and_an_erasure_keeps_it_verifiable_without_the_persons_data()
    {
        await using var store = Fixture.CreateStore();
        _ = store.DataSubjects;
        for (var i = 1; i <= 5; i++)
        {
            await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(i), OptOutSource.Keyword) { Evidence = new ConsentEvidence { MessageText = $"STOP {i}" } });
        }

        var checkpoint = await Evidence(store).CheckpointAsync(Acme);
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(3), "ticket-9", "GDPR Art. 17") { Account = Acme });
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(6), OptOutSource.Keyword));

        var verification = await Evidence(store).VerifyAsync(Acme);

        checkpoint.TreeSize.Should().Be(5);
        verification.IsIntact.Should().BeTrue(verification.Divergence?.Reason);
        (verification.LogSize, verification.Checked, verification.Erased, verification.Erasures).Should().Be((7L, 5L, 1L, 1L), "the erasure record is a leaf too");
        var erased = (await Log(store).ReadLogAsync(Acme, 2, 1)).Single();
        (erased.EventId, erased.Event, erased.Salt, erased.FieldCheck, erased.Erasure).Should().Be((null, null, null, (int?)null, (ErasureRecord?)null),
            "the erasure took the event, its id, its salt and its check; the leaf stays");
        (await Evidence(store).CheckpointAsync(Acme)).TreeSize.Should().Be(7, "the log grew, so a new checkpoint is signed");
    }

    [SkippableFact]
    public virtual async Task The_leaves_alone_are_the_logs_leaves_in_its_order_erased_ones_included()
    {
        await using var store = Fixture.CreateStore();
        _ = store.DataSubjects;
        for (var i = 1; i <= 7; i++)
        {
            await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(i), OptOutSource.Keyword));
        }

        await store.OptOut.OptOutAsync(new ConsentRequest(Globex, TestNumbers.Us(1), OptOutSource.Keyword));
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(3), "ticket-9", "GDPR Art. 17") { Account = Acme });
        var log = await Log(store).ReadLogAsync(Acme, 0, 100);

        (await Log(store).ReadLeavesAsync(Acme, 0, 100)).Should().BeEquivalentTo(log.Select(e => e.LeafHash), o => o.WithStrictOrdering(), "the erased event's leaf stays");
        (await Log(store).ReadLeavesAsync(Acme, 2, 3)).Should().BeEquivalentTo(log.Skip(2).Take(3).Select(e => e.LeafHash), o => o.WithStrictOrdering());
        (await Log(store).ReadLeavesAsync(Acme, 7, 10_000)).Should().ContainSingle().Which.Should().Equal(log[7].LeafHash, "the erasure record's leaf ends the log");
        (await Log(store).ReadLeavesAsync(Acme, 8, 1)).Should().BeEmpty("the log ends at 8");
        (await Log(store).ReadLeavesAsync(Acme, long.MaxValue / 2, 1)).Should().BeEmpty();
        (await Log(store).ReadLeavesAsync(new AccountId("initech"), 0, 10)).Should().BeEmpty();
        (await Log(store).ReadLeavesAsync(Globex, 0, 10)).Should().ContainSingle().Which.Should().HaveCount(32);
        await FluentActions.Awaiting(() => Log(store).ReadLeavesAsync(Acme, -1, 10)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => Log(store).ReadLeavesAsync(Acme, 0, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => Log(store).ReadLeavesAsync(Acme, 0, 10_001)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [SkippableFact]
    public virtual async Task A_checkpoint_signed_at_a_clock_time_reads_back_signed()
    {
        await using var store = Fixture.CreateStore();
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword));
        store.Time.Advance(TimeSpan.FromTicks(1_234_567)); // a real clock's time: 100-ns ticks, which no SQL timestamp keeps

        var signed = await Evidence(store).CheckpointAsync(Acme);
        var kept = await Log(store).GetLatestCheckpointAsync(Acme);

        kept.Should().BeEquivalentTo(signed, "the checkpoint reads back as it was signed");
        (signed.Time.UtcTicks % TimeSpan.TicksPerMillisecond).Should().Be(0, "checkpoints are signed at whole milliseconds");
        (await Evidence(store).VerifyAsync(Acme)).IsIntact.Should().BeTrue("its signature still verifies");
    }

    [SkippableFact]
    public virtual async Task Block_roots_kept_with_the_log_read_back_as_written_up_to_the_first_missing_block()
    {
        await using var store = Fixture.CreateStore();
        var log = Log(store);
        var roots = Enumerable.Range(1, 3).Select(i => Enumerable.Repeat((byte)i, 32).ToArray()).ToArray();
        (await log.ReadBlockRootsAsync(Acme, 0, 10)).Should().BeEmpty("none was written");

        await log.WriteBlockRootsAsync(Acme, 0, roots);
        await log.WriteBlockRootsAsync(Acme, 1, [roots[2]]);
        await log.WriteBlockRootsAsync(Acme, 5, [roots[0]]);
        await log.WriteBlockRootsAsync(Acme, 6, []);

        (await log.ReadBlockRootsAsync(Acme, 0, 10)).Should().BeEquivalentTo([roots[0], roots[2], roots[2]], o => o.WithStrictOrdering(), "block 1 written over; the read ends before block 3, never written");
        (await log.ReadBlockRootsAsync(Acme, 1, 1)).Should().ContainSingle().Which.Should().Equal(roots[2]);
        (await log.ReadBlockRootsAsync(Acme, 5, 10_000)).Should().ContainSingle().Which.Should().Equal(roots[0]);
        (await log.ReadBlockRootsAsync(Acme, 3, 10)).Should().BeEmpty();
        (await log.ReadBlockRootsAsync(Globex, 0, 10)).Should().BeEmpty("block roots are kept per account");
        await FluentActions.Awaiting(() => log.WriteBlockRootsAsync(Acme, 0, [new byte[31]])).Should().ThrowAsync<ArgumentException>().WithMessage("*31 bytes*32 bytes*");
        await FluentActions.Awaiting(() => log.WriteBlockRootsAsync(Acme, -1, roots)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => log.WriteBlockRootsAsync(Acme, long.MaxValue, roots)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => log.ReadBlockRootsAsync(Acme, -1, 1)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => log.ReadBlockRootsAsync(Acme, 0, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        (await log.ReadBlockRootsAsync(Acme, 0, 10)).Should().HaveCount(3, "a refused write changed nothing");
    }

    [SkippableFact]
    public virtual async Task A_new_instance_proves_from_the_block_roots_kept_with_the_log_and_writes_a_changed_one_again()
    {
        Skip.IfNot(Fixture.Capabilities.HasFlag(StorageCapabilities.Shared), $"{Fixture.GetType().Name} is not shared between instances");
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var events = Enumerable.Range(0, 600).Select(i => Events.OptOut(Acme, TestNumbers.Us(10_000 + i), now)).ToArray();
        await store.Suppression.ApplyBatchAsync([.. events.Take(256).Select(e => new ConsentWrite(e, []))]);
        var firstBlock = await Evidence(store).CheckpointAsync(Acme);
        await store.Suppression.ApplyBatchAsync([.. events.Skip(256).Select(e => new ConsentWrite(e, []))]);
        var latest = await Evidence(store).CheckpointAsync(Acme);

        var kept = await Log(store).ReadBlockRootsAsync(Acme, 0, 10);

        kept.Should().HaveCount(2, "600 leaves hold two complete blocks of 256");
        kept[0].Should().Equal(firstBlock.RootHash, "block 0's root is the root of the log's first 256 leaves");

        // A root changed in the store: another instance takes it, finds the proof it gives wrong, and reads the leaves.
        await Log(store).WriteBlockRootsAsync(Acme, 0, [Enumerable.Repeat((byte)0xAB, 32).ToArray()]);
        await using var other = store.BuildAnotherInstance();
        var json = await other.GetRequiredService<IConsentEvidence>().CreateCertificateAsync(Acme, events[300].EventId);

        ConsentCertificateVerifier.Verify(json, Evidence(store).PublicKeys).IsValid.Should().BeTrue();
        json.Should().Contain($"\"tree_size\": {latest.TreeSize}");
        (await Log(store).ReadBlockRootsAsync(Acme, 0, 10)).Should().BeEquivalentTo(kept, o => o.WithStrictOrdering(), "the changed root was computed from the leaves again and written over");
    }

    [SkippableTheory]
    [InlineData(Tampering.EditNote, "no longer matches its leaf: its field 'note' was changed after it was recorded", "note")]
    [InlineData(Tampering.BackDate, "no longer matches its leaf: its field 'occurred_at' was changed after it was recorded", "occurred_at")]
    [InlineData(Tampering.EditNumber, "no longer matches its leaf: its field 'number' was changed after it was recorded", "number")]
    [InlineData(Tampering.EditNoteAndBackDate, "no longer matches its leaf: several of its fields, or its salt, were changed", null)]
    [InlineData(Tampering.DeleteEvent, "was deleted, and not by an erasure", null)]
    [InlineData(Tampering.RemoveSaltAndEditNumber, "has lost its salt, so it no longer answers to its leaf, and not by evidence minimization: evidence minimization is not configured", null)]
    [InlineData(Tampering.DeleteAsAnErasure, "1 leaf has lost its event and no erasure record in the log lists it (the first: leaf 1): event records were deleted and their ids cleared from the log, or an erasure record was deleted, behind the store's back", null)]
    [InlineData(Tampering.UnreadableRecord, "'s stored record can no longer be read (", null)]
    [InlineData(Tampering.SwapWithNext, "checkpoint", null)]
    public virtual async Task A_change_behind_the_stores_back_is_named_by_the_verification(Tampering tampering, string reason, string? field)
    {
        await using var store = Fixture.CreateStore();
        var events = new List<ConsentEvent>();
        for (var i = 1; i <= 4; i++)
        {
            events.Add((await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(i), OptOutSource.Keyword)
            {
                Evidence = new ConsentEvidence { Note = $"asked by phone {i}" },
            })).Event);
            store.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await Evidence(store).CheckpointAsync(Acme);
        Skip.IfNot(await Fixture.TamperAsync(store.IsolationKey, Acme, events[1].EventId, tampering), $"{Fixture.GetType().Name} cannot be changed from outside");

        var verification = await Evidence(store).VerifyAsync(Acme);

        verification.IsIntact.Should().BeFalse();
        verification.Divergence!.Reason.Should().Contain(reason);
        verification.Divergence.Field.Should().Be(field, "the event's field check names the one field changed, and none when two were");
        verification.LogSize.Should().Be(4, "the log's size, however early the verification stopped");
        if (tampering != Tampering.SwapWithNext)
        {
            (verification.Divergence.Index, verification.Divergence.EventId).Should().Be((1L, tampering == Tampering.DeleteAsAnErasure ? null : events[1].EventId),
                "the verification names the changed event (by its leaf alone when its id was cleared too)");
        }

        if (tampering is Tampering.EditNote or Tampering.BackDate or Tampering.EditNumber)
        {
            var certificate = () => Evidence(store).CreateCertificateAsync(Acme, events[1].EventId);
            var refused = (await certificate.Should().ThrowAsync<ConsentLogDivergenceException>("no certificate of a changed event")).Which;
            refused.Divergence.Should().Be(verification.Divergence, "the refusal carries the verification's first divergence, so no caller walks the log again");
            refused.Message.Should().Contain(events[1].EventId).And.Contain("Run verify");
        }
    }

    [SkippableFact]
    public virtual async Task An_erasure_record_is_a_leaf_that_lists_the_leaves_it_erased()
    {
        await using var store = Fixture.CreateStore();
        _ = store.DataSubjects;
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(1), OptOutSource.Keyword));
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(3), OptOutSource.Keyword) { Scope = SuppressionScope.List, List = new ListId("news") });
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(2), OptOutSource.Keyword));
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(3), OptOutSource.Keyword));
        await store.OptOut.OptOutAsync(new ConsentRequest(Globex, TestNumbers.Us(3), OptOutSource.Keyword));
        var before = await Evidence(store).CheckpointAsync(Acme);
        store.Time.Advance(TimeSpan.FromTicks(1_234_567));

        var result = await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(3), "ticket-9", "GDPR Art. 17 — «effacement»") { Account = Acme });
        var nothing = await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(9), "ticket-10", "GDPR Art. 17") { Account = Acme });

        var record = result.Records.Should().ContainSingle().Subject;
        (record.LogIndex, record.Events).Should().Be((4L, 2));
        record.ErasedLeaves.Should().Equal(1L, 3L);
        nothing.Records.Should().BeEmpty("an erasure that found nothing keeps no record");
        (await Log(store).GetLogSizeAsync(Acme)).Should().Be(5, "and appends no leaf");
        var leaf = (await Log(store).ReadLogAsync(Acme, 4, 10)).Should().ContainSingle().Subject;
        (leaf.EventId, leaf.Event, leaf.Salt).Should().Be((null, null, null));
        leaf.Erasure.Should().NotBeNull();
        (leaf.Erasure!.RequestId, leaf.Erasure.Reason, leaf.Erasure.LogIndex).Should().Be(("ticket-9", "GDPR Art. 17 — «effacement»", (long?)4));
        leaf.Erasure.ErasedLeaves.Should().Equal(1L, 3L);
        leaf.LeafHash.Should().Equal(ConsentLogLeaf.ErasureHash(leaf.Erasure), "the leaf is the erasure record's, recomputed from the record as stored");
        leaf.LeafHash.Should().Equal(ConsentLogLeaf.ErasureHash(record), "the record the erasure returned is the one it logged");
        var kept = new List<ErasureRecord>();
        await foreach (var r in store.DataSubjects.GetErasuresAsync(Acme))
        {
            kept.Add(r);
        }

        kept.Should().ContainSingle().Which.LogIndex.Should().Be(4);
        (await Log(store).GetLogSizeAsync(Globex)).Should().Be(1, "another account's log is untouched");

        var verification = await Evidence(store).VerifyAsync(Acme);
        verification.IsIntact.Should().BeTrue(verification.Divergence?.Reason);
        (verification.LogSize, verification.Checked, verification.Erased, verification.Erasures).Should().Be((5L, 2L, 2L, 1L));
        var proof = await Evidence(store).CreateConsistencyProofAsync(Acme, before);
        ConsentConsistencyVerifier.Verify(proof, Evidence(store).PublicKeys, before).IsValid.Should().BeTrue("the erasure only appended to the log");
    }

    [SkippableTheory]
    [InlineData(Tampering.EditErasureRecord, 4L, "the erasure record of request 'ticket-9' (")]
    [InlineData(Tampering.EditErasureRecord, 4L, ", leaf 4) no longer matches its leaf: its request id, reason, time or the leaves it lists were changed after it was recorded")]
    [InlineData(Tampering.DeleteErasureRecord, 1L, "3 leaves have lost their events and no erasure record in the log lists them (the first: leaf 1)")]
    [InlineData(Tampering.ForgeErasureRecord, 0L, "the erasure record of request 'ticket-forged' (")]
    [InlineData(Tampering.ForgeErasureRecord, 0L, ") names leaf 0 as its own, which is not an erasure record's leaf: it was written or moved behind the store's back")]
    public virtual async Task A_change_to_an_erasure_record_is_named_by_the_verification(Tampering tampering, long index, string reason)
    {
        await using var store = Fixture.CreateStore();
        _ = store.DataSubjects;
        var events = new List<ConsentEvent>();
        foreach (var (number, list) in new[] { (1, (string?)null), (3, "news"), (2, null), (3, null) })
        {
            events.Add((await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(number), OptOutSource.Keyword)
            {
                Scope = list is null ? SuppressionScope.Account : SuppressionScope.List, List = list is null ? null : new ListId(list),
            })).Event);
        }

        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(3), "ticket-9", "GDPR Art. 17") { Account = Acme });
        await Evidence(store).CheckpointAsync(Acme);
        Skip.IfNot(await Fixture.TamperAsync(store.IsolationKey, Acme, events[0].EventId, tampering), $"{Fixture.GetType().Name} cannot be changed from outside");

        var verification = await Evidence(store).VerifyAsync(Acme);

        verification.IsIntact.Should().BeFalse();
        verification.Divergence!.Reason.Should().Contain(reason);
        (verification.Divergence.Index, verification.Divergence.EventId).Should().Be((index, (string?)null));
    }

    [SkippableFact]
    public virtual async Task The_upgrade_lists_the_leaves_erased_before_erasure_records_were_leaves_in_one_record_once()
    {
        await using var store = Fixture.CreateStore();
        _ = store.DataSubjects;
        for (var i = 1; i <= 4; i++)
        {
            await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(i), OptOutSource.Keyword));
        }

        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(2), "ticket-old", "GDPR Art. 17") { Account = Acme });
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(4), "ticket-older", "GDPR Art. 17") { Account = Acme });
        Skip.IfNot(await Fixture.TamperAsync(store.IsolationKey, Acme, "-", Tampering.UnlogErasures), $"{Fixture.GetType().Name} cannot be changed from outside");
        var before = await Evidence(store).VerifyAsync(Acme);
        before.Divergence!.Reason.Should().Contain("2 leaves have lost their events and no erasure record in the log lists them (the first: leaf 1)",
            "before the upgrade lists them, nothing accounts for those leaves: a store that keeps erasure records as leaves never counts records without");

        await using var upgraded = store.BuildAnotherInstance();
        var log = await upgraded.GetRequiredService<IConsentLogStore>().ReadLogAsync(Acme, 0, 100);
        var verification = await upgraded.GetRequiredService<IConsentEvidence>().VerifyAsync(Acme);
        await using var again = store.BuildAnotherInstance();

        log.Should().HaveCount(5, "the four events' leaves and one record listing the erased ones");
        log[4].Erasure.Should().NotBeNull();
        (log[4].Erasure!.RequestId, log[4].Erasure!.LogIndex).Should().Be(("smsoptout-upgrade", (long?)4));
        log[4].Erasure!.ErasedLeaves.Should().Equal(1L, 3L);
        verification.IsIntact.Should().BeTrue(verification.Divergence?.Reason);
        (verification.Erasures, verification.Erased).Should().Be((1L, 2L));
        (await again.GetRequiredService<IConsentLogStore>().GetLogSizeAsync(Acme)).Should().Be(5, "the upgrade lists the erased leaves once");
        var records = new List<ErasureRecord>();
        await foreach (var r in upgraded.GetRequiredService<IDataSubjectService>().GetErasuresAsync(Acme))
        {
            records.Add(r);
        }

        records.Select(r => (r.RequestId, r.LogIndex)).Should().BeEquivalentTo([("ticket-old", (long?)null), ("ticket-older", null), ("smsoptout-upgrade", (long?)4)],
            "the old records stay as they were, without leaves");
    }

    [SkippableTheory]
    [InlineData(Tampering.UnlogErasures, 4L, "the store's upgrade record (leaf 4) lists 2 leaves that had lost their events, but the erasure records kept before it count 1 erased events: event records were deleted before the upgrade, not by an erasure")]
    [InlineData(Tampering.MarkNotUpgraded, 5L, "the store's upgrade record at leaf 5 comes after erasure records that are leaves: the store was marked as not upgraded behind its back, and its next start listed leaves that lost their events since")]
    public virtual async Task An_upgrade_that_lists_a_leaf_no_erasure_accounts_for_is_named_by_the_verification(Tampering upgrade, long index, string reason)
    {
        await using var store = Fixture.CreateStore();
        _ = store.DataSubjects;
        var events = new List<ConsentEvent>();
        for (var i = 1; i <= 4; i++)
        {
            events.Add((await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(i), OptOutSource.Keyword))).Event);
        }

        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(2), "ticket-old", "GDPR Art. 17") { Account = Acme });
        Skip.IfNot(await Fixture.TamperAsync(store.IsolationKey, Acme, events[0].EventId, Tampering.DeleteAsAnErasure), $"{Fixture.GetType().Name} cannot be changed from outside");
        await Fixture.TamperAsync(store.IsolationKey, Acme, events[0].EventId, upgrade);

        await using var upgraded = store.BuildAnotherInstance();
        var verification = await upgraded.GetRequiredService<IConsentEvidence>().VerifyAsync(Acme);

        verification.IsIntact.Should().BeFalse("the upgrade listed a leaf whose event was deleted behind the store's back");
        verification.Divergence!.Reason.Should().Be(reason);
        verification.Divergence.Index.Should().Be(index);
    }

    [SkippableFact]
    public virtual async Task Erasures_racing_writes_of_the_number_from_another_instance_keep_one_log_where_each_erased_leaf_is_listed_once()
    {
        Skip.IfNot(Fixture.Capabilities.HasFlag(StorageCapabilities.Shared), $"{Fixture.GetType().Name} is not shared between instances");
        await using var store = Fixture.CreateStore();
        _ = store.DataSubjects;
        await using var other = store.BuildAnotherInstance();
        var otherService = other.GetRequiredService<IOptOutService>();

        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await otherService.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(5), OptOutSource.Keyword) { Scope = SuppressionScope.List, List = new ListId($"list-{i}") });
            }
        });
        var erasures = Task.Run(async () =>
        {
            for (var i = 0; i < 6; i++)
            {
                await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(5), $"ticket-{i}", "GDPR Art. 17") { Account = Acme });
            }
        });
        await Task.WhenAll(writes, erasures);
        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(5), "ticket-last", "GDPR Art. 17") { Account = Acme });

        var log = await Log(store).ReadLogAsync(Acme, 0, 1_000);
        log.Select(e => e.Index).Should().Equal(Enumerable.Range(0, log.Count).Select(i => (long)i), "no index twice, none skipped");
        var events = log.Where(e => e.Erasure is null).ToList();
        events.Should().HaveCount(30).And.OnlyContain(e => e.Event == null && e.EventId == null, "every event of the number was erased in the end");
        log.Where(e => e.Erasure is not null).SelectMany(e => e.Erasure!.ErasedLeaves).Should().BeEquivalentTo(events.Select(e => e.Index),
            "each erased event's leaf is listed by exactly one erasure record");
        log.Where(e => e.Erasure is not null).Should().OnlyContain(e => e.Erasure!.ErasedLeaves.All(l => l < e.Index), "a record lists only leaves before its own");
        var verification = await Evidence(store).VerifyAsync(Acme);
        verification.IsIntact.Should().BeTrue(verification.Divergence?.Reason);
        verification.Erasures.Should().Be(log.Count - 30);
    }

    [SkippableFact]
    public virtual async Task Two_instances_writing_at_once_make_one_log_in_commit_order()
    {
        Skip.IfNot(Fixture.Capabilities.HasFlag(StorageCapabilities.Shared), $"{Fixture.GetType().Name} is not shared between instances");
        await using var store = Fixture.CreateStore();
        await using var other = store.BuildAnotherInstance();
        var otherService = other.GetRequiredService<IOptOutService>();

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => Task.Run(() => (i % 2 == 0 ? store.OptOut : otherService)
            .OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(i), OptOutSource.Api)))));

        var log = await Log(store).ReadLogAsync(Acme, 0, 100);
        log.Select(e => e.Index).Should().Equal(Enumerable.Range(0, 40).Select(i => (long)i), "no index twice, none skipped");
        log.Select(e => e.EventId).Should().OnlyHaveUniqueItems();
        (await Evidence(store).CheckpointAsync(Acme)).TreeSize.Should().Be(40);
        (await Evidence(store).VerifyAsync(Acme)).IsIntact.Should().BeTrue();
    }

    [SkippableFact]
    public virtual async Task A_certificate_of_an_event_verifies_with_the_public_key_and_names_what_a_change_breaks()
    {
        await using var store = Fixture.CreateStore();
        var events = new List<ConsentEvent>();
        for (var i = 1; i <= 7; i++)
        {
            events.Add((await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(i), OptOutSource.OptOutLink))).Event);
        }

        var json = await Evidence(store).CreateCertificateAsync(Acme, events[4].EventId);

        json.Should().Contain("\"format\": \"smsoptout-consent-certificate/v1\"").And.Contain(events[4].EventId).And.Contain("\"tree_size\": 7");
        var act = () => Evidence(store).CreateCertificateAsync(Acme, "evt_unknown");
        await act.Should().ThrowAsync<KeyNotFoundException>();
    }

    [SkippableFact]
    public virtual async Task Every_checkpoint_is_kept_and_checked_and_proves_the_log_only_grew_since()
    {
        await using var store = Fixture.CreateStore();
        var kept = new List<ConsentCheckpoint>();
        foreach (var batch in new[] { 3, 2, 4 })
        {
            for (var i = 0; i < batch; i++)
            {
                await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(kept.Count * 10 + i), OptOutSource.Keyword));
            }

            store.Time.Advance(TimeSpan.FromMinutes(1));
            kept.Add(await Evidence(store).CheckpointAsync(Acme));
        }

        var stored = await Log(store).GetCheckpointsAsync(Acme);
        var verification = await Evidence(store).VerifyAsync(Acme);

        stored.Select(c => c.TreeSize).Should().Equal(3L, 5L, 9L);
        stored.Select(c => c.RootHash).Should().BeEquivalentTo(kept.Select(c => c.RootHash), o => o.WithStrictOrdering());
        (await Log(store).GetCheckpointsAsync(Globex)).Should().BeEmpty();
        (verification.IsIntact, verification.Checkpoints, verification.Checkpoint!.TreeSize).Should().Be((true, 3, 9L));
        foreach (var held in kept)
        {
            var proof = await Evidence(store).CreateConsistencyProofAsync(Acme, held);
            var check = ConsentConsistencyVerifier.Verify(proof, Evidence(store).PublicKeys, held);
            (check.IsValid, check.To!.TreeSize).Should().Be((true, 9L), check.Failure);
        }

        var fromGlobex = () => Evidence(store).CreateConsistencyProofAsync(Globex, kept[0]);
        await fromGlobex.Should().ThrowAsync<ArgumentException>().WithMessage("*not of account 'globex'*");
        var forged = () => Evidence(store).CreateConsistencyProofAsync(Acme, kept[0] with { TreeSize = 4 });
        await forged.Should().ThrowAsync<ArgumentException>().WithMessage("*is not signed by key '*': it was changed*");
    }

    private static IConsentLogStore Log(TestStore store) => store.Claimed<IConsentLogStore>();

    private static IConsentEvidence Evidence(TestStore store)
    {
        _ = store.Claimed<IConsentLogStore>();
        return store.Services.GetRequiredService<IConsentEvidence>();
    }
}
