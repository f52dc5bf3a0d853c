using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;
using Xunit;

namespace SmsOptOut.Storage.ConformanceTests.Suppression;

/// <summary>The contract of <see cref="ISuppressionStore"/>.</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite]
public abstract class SuppressionStoreTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public virtual async Task Applying_the_same_event_twice_changes_nothing_the_second_time()
    {
        await using var store = Fixture.CreateStore();
        var e = Events.OptOut(Acme, TestNumbers.Us(1), store.Time.GetUtcNow());

        (await store.Suppression.ApplyAsync(e, [])).Should().Be(ConsentApplyStatus.Applied);
        (await store.Suppression.ApplyAsync(e, [])).Should().Be(ConsentApplyStatus.Duplicate);

        (await store.HistoryAsync(Acme, e.Number)).Should().ContainSingle().Which.EventId.Should().Be(e.EventId);
        (await store.Suppression.IsSuppressedAsync(Acme, e.Number)).Should().BeTrue();
    }

    [SkippableFact]
    public virtual async Task A_duplicate_id_is_recognised_even_after_the_state_moved_on()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(2);
        var optOut = Events.OptOut(Acme, number, store.Time.GetUtcNow());
        await store.Suppression.ApplyAsync(optOut, []);
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, number, store.Time.GetUtcNow()), []);

        (await store.Suppression.ApplyAsync(optOut, [])).Should().Be(ConsentApplyStatus.Duplicate);
        (await store.Suppression.IsSuppressedAsync(Acme, number)).Should().BeFalse();
    }

    [SkippableFact]
    public virtual async Task OptOut_then_OptIn_then_OptOut_follows_each_change()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(3);
        var s = store.Suppression;

        (await s.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow()), [])).Should().Be(ConsentApplyStatus.Applied);
        (await s.IsSuppressedAsync(Acme, number)).Should().BeTrue();
        store.Time.Advance(TimeSpan.FromMinutes(1));
        (await s.ApplyAsync(Events.OptIn(Acme, number, store.Time.GetUtcNow()), [])).Should().Be(ConsentApplyStatus.Applied);
        (await s.IsSuppressedAsync(Acme, number)).Should().BeFalse();
        store.Time.Advance(TimeSpan.FromMinutes(1));
        (await s.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow()), [])).Should().Be(ConsentApplyStatus.Applied);
        (await s.IsSuppressedAsync(Acme, number)).Should().BeTrue();

        (await store.HistoryAsync(Acme, number)).Select(e => e.Kind).Should().Equal(ConsentKind.OptOut, ConsentKind.OptIn, ConsentKind.OptOut);
    }

    [SkippableFact]
    public virtual async Task An_opt_out_of_a_suppressed_number_records_nothing()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(4);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow()), []);

        (await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow()), [])).Should().Be(ConsentApplyStatus.AlreadyInState);
        (await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(5), store.Time.GetUtcNow()), [])).Should().Be(ConsentApplyStatus.AlreadyInState);

        (await store.HistoryAsync(Acme, number)).Should().ContainSingle();
        (await store.HistoryAsync(Acme, TestNumbers.Us(5))).Should().BeEmpty();
    }

    [SkippableFact]
    public virtual async Task A_list_opt_out_suppresses_only_that_list()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(6);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow(), Newsletter), []);

        (await store.Suppression.IsSuppressedAsync(Acme, number, Newsletter)).Should().BeTrue();
        (await store.Suppression.IsSuppressedAsync(Acme, number, Offers)).Should().BeFalse();
        (await store.Suppression.IsSuppressedAsync(Acme, number)).Should().BeFalse();
    }

    [SkippableFact]
    public virtual async Task An_account_opt_out_suppresses_every_list()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(7);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow()), []);

        (await store.Suppression.IsSuppressedAsync(Acme, number, Newsletter)).Should().BeTrue();
        (await store.Suppression.IsSuppressedAsync(Acme, number, Offers)).Should().BeTrue();
        (await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow(), Newsletter), []))
            .Should().Be(ConsentApplyStatus.AlreadyInState, "an account-wide opt-out already covers the list");
    }

    [SkippableFact]
    public virtual async Task An_account_opt_in_lifts_list_suppressions_but_a_list_opt_in_never_lifts_the_account()
    {
        await using var store = Fixture.CreateStore();
        var s = store.Suppression;
        var a = TestNumbers.Us(8);
        var b = TestNumbers.Us(9);
        var now = store.Time.GetUtcNow();
        await s.ApplyAsync(Events.OptOut(Acme, a, now, Newsletter), []);
        await s.ApplyAsync(Events.OptOut(Acme, a, now, Offers), []);
        (await s.ApplyAsync(Events.OptIn(Acme, a, now), [])).Should().Be(ConsentApplyStatus.Applied);
        (await s.IsSuppressedAsync(Acme, a, Newsletter)).Should().BeFalse();
        (await s.IsSuppressedAsync(Acme, a, Offers)).Should().BeFalse();

        await s.ApplyAsync(Events.OptOut(Acme, b, now), []);
        (await s.ApplyAsync(Events.OptIn(Acme, b, now, Newsletter), [])).Should().Be(ConsentApplyStatus.AlreadyInState);
        (await s.IsSuppressedAsync(Acme, b, Newsletter)).Should().BeTrue();
    }

    [SkippableFact]
    public virtual async Task Accounts_are_isolated()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(10);
        var e = Events.OptOut(Acme, number, store.Time.GetUtcNow(), id: "evt_shared_id");
        await store.Suppression.ApplyAsync(e, []);

        (await store.Suppression.IsSuppressedAsync(Globex, number)).Should().BeFalse();
        (await store.Suppression.ApplyAsync(e with { Account = Globex }, [])).Should().Be(ConsentApplyStatus.Applied,
            "event ids are unique per account");
        (await store.HistoryAsync(Globex, number)).Should().ContainSingle();
    }

    [SkippableFact]
    public virtual async Task Bulk_filter_matches_a_reference_model()
    {
        await using var store = Fixture.CreateStore();
        var s = store.Suppression;
        var random = new Random(20261127);
        var numbers = TestNumbers.Range(600, first: 1_000);
        var accountWide = new HashSet<PhoneNumber>();
        var newsletterOnly = new HashSet<PhoneNumber>();
        for (var step = 0; step < 900; step++)
        {
            var number = numbers[random.Next(numbers.Length)];
            var now = store.Time.GetUtcNow();
            switch (random.Next(4))
            {
                case 0:
                    await s.ApplyAsync(Events.OptOut(Acme, number, now), []);
                    accountWide.Add(number);
                    break;
                case 1:
                    await s.ApplyAsync(Events.OptOut(Acme, number, now, Newsletter), []);
                    if (!accountWide.Contains(number))
                    {
                        newsletterOnly.Add(number);
                    }

                    break;
                case 2:
                    await s.ApplyAsync(Events.OptIn(Acme, number, now), []);
                    accountWide.Remove(number);
                    newsletterOnly.Remove(number);
                    break;
                default:
                    await s.ApplyAsync(Events.OptIn(Acme, number, now, Newsletter), []);
                    newsletterOnly.Remove(number);
                    break;
            }
        }

        var batch = numbers.Concat(TestNumbers.Range(50, first: 90_000)).OrderBy(_ => random.Next()).ToArray();
        var flags = new bool[batch.Length + 3];
        var count = await s.FilterAsync(Acme, null, batch, flags);
        count.Should().Be(batch.Count(accountWide.Contains));
        for (var i = 0; i < batch.Length; i++)
        {
            flags[i].Should().Be(accountWide.Contains(batch[i]), "account-wide state of {0}", batch[i]);
        }

        var listCount = await s.FilterAsync(Acme, Newsletter, batch, flags);
        listCount.Should().Be(batch.Count(n => accountWide.Contains(n) || newsletterOnly.Contains(n)));
        for (var i = 0; i < batch.Length; i++)
        {
            flags[i].Should().Be(accountWide.Contains(batch[i]) || newsletterOnly.Contains(batch[i]), "newsletter state of {0}", batch[i]);
        }
    }

    [SkippableFact]
    public virtual async Task Bulk_filter_handles_empty_batches_duplicates_and_unknown_accounts()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(11);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow()), []);

        (await store.Suppression.FilterAsync(Acme, null, ReadOnlyMemory<PhoneNumber>.Empty, Memory<bool>.Empty)).Should().Be(0);
        var flags = new bool[3];
        (await store.Suppression.FilterAsync(Acme, null, new[] { number, TestNumbers.Us(12), number }, flags)).Should().Be(2);
        flags.Should().Equal(true, false, true);
        flags = [true, true, true];
        (await store.Suppression.FilterAsync(new AccountId("nobody"), Offers, new[] { number, number, number }, flags)).Should().Be(0);
        flags.Should().Equal(false, false, false);
    }

    [SkippableFact]
    public virtual async Task A_thousand_concurrent_opt_outs_of_overlapping_numbers_lose_and_double_nothing()
    {
        await using var store = Fixture.CreateStore();
        var numbers = TestNumbers.Range(100, first: 5_000);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => Task.Run(() =>
            store.Suppression.ApplyAsync(Events.OptOut(Acme, numbers[i % numbers.Length], store.Time.GetUtcNow()), []))));

        statuses.Count(s => s == ConsentApplyStatus.Applied).Should().Be(numbers.Length);
        statuses.Count(s => s == ConsentApplyStatus.AlreadyInState).Should().Be(1_000 - numbers.Length);
        var flags = new bool[numbers.Length];
        (await store.Suppression.FilterAsync(Acme, null, numbers, flags)).Should().Be(numbers.Length);
        foreach (var number in numbers)
        {
            (await store.HistoryAsync(Acme, number)).Should().ContainSingle("exactly one opt-out of {0} was applied", number);
        }
    }

    [SkippableFact]
    public virtual async Task Concurrent_repeats_of_one_event_apply_it_once()
    {
        await using var store = Fixture.CreateStore();
        var e = Events.OptOut(Acme, TestNumbers.Us(13), store.Time.GetUtcNow());
        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.Suppression.ApplyAsync(e, []))));

        statuses.Should().ContainSingle(s => s == ConsentApplyStatus.Applied);
        statuses.Where(s => s != ConsentApplyStatus.Applied).Should().AllSatisfy(s =>
            s.Should().BeOneOf(ConsentApplyStatus.Duplicate, ConsentApplyStatus.AlreadyInState));
    }

    [SkippableFact]
    public virtual async Task History_keeps_every_field_in_recording_order()
    {
        await using var store = Fixture.CreateStore();
        var number = TestNumbers.Us(14);
        var first = Events.OptOut(Acme, number, store.Time.GetUtcNow(), Newsletter) with
        {
            Source = OptOutSource.OptOutLink,
            Campaign = new CampaignId("spring-sale"),
            OccurredAt = TestStore.Epoch.AddSeconds(-30),
            Evidence = new ConsentEvidence
            {
                LinkToken = "Ab3dE5gH7j", UserAgent = "Mozilla/5.0 (iPhone) «ünïcödé»", IpAddress = "2001:db8::7",
                Note = "line1\nline2 \"quoted\"",
            },
        };
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var second = Events.OptOut(Acme, number, store.Time.GetUtcNow()) with
        {
            Source = OptOutSource.Keyword,
            Evidence = new ConsentEvidence { MessageText = "STOP ✋", ProviderMessageId = "SM123", ProviderName = "twilio" },
        };
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var third = Events.OptIn(Acme, number, store.Time.GetUtcNow());

        foreach (var e in new[] { first, second, third })
        {
            (await store.Suppression.ApplyAsync(e, [])).Should().Be(ConsentApplyStatus.Applied);
        }

        var history = await store.HistoryAsync(Acme, number);
        history.Should().HaveCount(3);
        history[0].Should().BeEquivalentTo(first);
        history[1].Should().BeEquivalentTo(second);
        history[2].Should().BeEquivalentTo(third);
    }

    [SkippableFact]
    public virtual async Task Paging_returns_every_suppression_once_in_cursor_order()
    {
        await using var store = Fixture.CreateStore();
        var numbers = TestNumbers.Range(257, first: 20_000);
        var expected = new List<(PhoneNumber, string)>();
        foreach (var (number, i) in numbers.Select((n, i) => (n, i)))
        {
            var list = i % 5 == 0 ? Newsletter : (ListId?)null;
            await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow(), list), []);
            expected.Add((number, list?.Value ?? string.Empty));
            if (i % 7 == 0 && list is null)
            {
                await store.Suppression.ApplyAsync(Events.OptOut(Acme, number, store.Time.GetUtcNow(), Offers), []);
            }
        }

        await store.Suppression.ApplyAsync(Events.OptOut(Globex, numbers[0], store.Time.GetUtcNow()), []);

        foreach (var pageSize in new[] { 1, 7, 256, 10_000 })
        {
            var seen = new List<(PhoneNumber, string)>();
            var cursor = SuppressionCursor.Start;
            while (true)
            {
                var page = await store.Suppression.GetSuppressedAsync(Acme, cursor, pageSize);
                page.Count.Should().BeLessThanOrEqualTo(pageSize);
                seen.AddRange(page.Select(p => (p.Number, p.List?.Value ?? string.Empty)));
                if (page.Count < pageSize)
                {
                    break;
                }

                cursor = page[^1].Cursor;
            }

            seen.Should().Equal(expected.OrderBy(e => e.Item1.Value).ThenBy(e => e.Item2, StringComparer.Ordinal), "page size {0}", pageSize);
        }
    }

    [SkippableFact]
    public virtual async Task Suppressed_entries_carry_their_opt_out()
    {
        await using var store = Fixture.CreateStore();
        var e = Events.OptOut(Acme, TestNumbers.Us(15), store.Time.GetUtcNow()) with { Source = OptOutSource.Import, OccurredAt = TestStore.Epoch.AddDays(-3) };
        await store.Suppression.ApplyAsync(e, []);

        var page = await store.Suppression.GetSuppressedAsync(Acme, SuppressionCursor.Start, 10);
        page.Should().ContainSingle().Which.Should().BeEquivalentTo(new SuppressedNumber(e.Number, null, e.OccurredAt, OptOutSource.Import, e.EventId));
    }

    [SkippableFact]
    public virtual async Task Events_are_read_by_recording_time_range()
    {
        await using var store = Fixture.CreateStore();
        var recorded = new List<ConsentEvent>();
        for (var i = 0; i < 10; i++)
        {
            var e = Events.OptOut(Acme, TestNumbers.Us(100 + i), store.Time.GetUtcNow());
            await store.Suppression.ApplyAsync(e, []);
            recorded.Add(e);
            store.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var from = recorded[2].RecordedAt;
        var until = recorded[6].RecordedAt;
        var events = new List<ConsentEvent>();
        await foreach (var e in store.Suppression.GetEventsAsync(Acme, from, until))
        {
            events.Add(e);
        }

        events.Select(e => e.EventId).Should().Equal(recorded.Skip(3).Take(4).Select(e => e.EventId), "the lower bound is exclusive and the upper inclusive");
    }

    [SkippableFact]
    public virtual async Task A_batch_applies_in_order_and_reports_each_outcome()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var a = Events.OptOut(Acme, TestNumbers.Us(200), now);
        var writes = new[]
        {
            new ConsentWrite(a, [Events.Message(a, now)]),
            new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(200), now), []),
            new ConsentWrite(a, []),
            new ConsentWrite(Events.OptIn(Acme, TestNumbers.Us(200), now), []),
            new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(201), now, Newsletter), []),
        };

        var statuses = await store.Suppression.ApplyBatchAsync(writes);

        statuses.Should().Equal(ConsentApplyStatus.Applied, ConsentApplyStatus.AlreadyInState, ConsentApplyStatus.Duplicate,
            ConsentApplyStatus.Applied, ConsentApplyStatus.Applied);
        (await store.HistoryAsync(Acme, TestNumbers.Us(200))).Select(e => e.Kind).Should().Equal(ConsentKind.OptOut, ConsentKind.OptIn);
        (await store.Suppression.IsSuppressedAsync(Acme, TestNumbers.Us(201), Newsletter)).Should().BeTrue();
        (await store.Outbox.CountAsync(Acme)).Pending.Should().Be(1);
    }

    [SkippableFact]
    public virtual async Task A_full_size_batch_applies_every_item_with_its_outbox_message()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var numbers = TestNumbers.Range(SuppressionStoreArguments.MaxBatch, first: 300_000);
        var writes = numbers.Select(n =>
        {
            var e = Events.OptOut(Acme, n, now);
            return new ConsentWrite(e, [Events.Message(e, now)]);
        }).ToArray();

        var statuses = await store.Suppression.ApplyBatchAsync(writes);

        statuses.Should().HaveCount(SuppressionStoreArguments.MaxBatch).And.OnlyContain(s => s == ConsentApplyStatus.Applied);
        (await store.Suppression.FilterAsync(Acme, null, numbers, new bool[numbers.Length])).Should().Be(SuppressionStoreArguments.MaxBatch);

        // A large probe, shuffled, every other number suppressed: each flag lands on its own position.
        var probe = numbers.Take(4_000).Concat(TestNumbers.Range(4_000, first: 900_000)).OrderBy(n => n.Value % 7919).ThenBy(n => n.Value).ToArray();
        var flags = new bool[probe.Length];
        (await store.Suppression.FilterAsync(Acme, null, probe, flags)).Should().Be(4_000);
        flags.Select((f, i) => f == (probe[i].Value < TestNumbers.Us(900_000).Value)).Should().OnlyContain(match => match);
        (await store.Outbox.CountAsync(Acme)).Pending.Should().Be(SuppressionStoreArguments.MaxBatch);
        (await store.Suppression.ApplyBatchAsync(writes)).Should().OnlyContain(s => s == ConsentApplyStatus.Duplicate, "replaying the batch is safe");
    }

    [SkippableFact]
    public virtual async Task A_batch_with_one_bad_item_writes_nothing()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var good = Events.OptOut(Acme, TestNumbers.Us(210), now);

        await FluentActions.Awaiting(() => store.Suppression.ApplyBatchAsync([new ConsentWrite(good, []), new ConsentWrite(Events.OptOut(Acme, default, now), [])]))
            .Should().ThrowAsync<ArgumentException>();
        var tooMany = Enumerable.Range(0, SuppressionStoreArguments.MaxBatch + 1).Select(i => new ConsentWrite(Events.OptOut(Acme, TestNumbers.Us(i), now), [])).ToArray();
        await FluentActions.Awaiting(() => store.Suppression.ApplyBatchAsync(tooMany)).Should().ThrowAsync<ArgumentException>().WithMessage("*at most*");

        (await store.Suppression.IsSuppressedAsync(Acme, good.Number)).Should().BeFalse();
        (await store.Suppression.IsSuppressedAsync(Acme, TestNumbers.Us(0))).Should().BeFalse();
    }

    [SkippableFact]
    public virtual async Task Bad_input_is_refused_with_a_clear_error_and_changes_nothing()
    {
        await using var store = Fixture.CreateStore();
        var s = store.Suppression;
        var now = store.Time.GetUtcNow();

        await FluentActions.Awaiting(() => s.ApplyAsync(Events.OptOut(default, TestNumbers.Us(1), now), []))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*account*");
        await FluentActions.Awaiting(() => s.ApplyAsync(Events.OptOut(Acme, default, now), []))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*phone number*");
        await FluentActions.Awaiting(() => s.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), now) with { Scope = SuppressionScope.List }, []))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*list*");
        var foreign = new OutboxMessage
        {
            Id = "msg_x", Account = Globex, EventId = "e", Payload = "{}", CreatedAt = now, NextAttemptAt = now,
        };
        await FluentActions.Awaiting(() => s.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(1), now), [foreign]))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*account*");
        await FluentActions.Awaiting(() => s.FilterAsync(Acme, null, new[] { TestNumbers.Us(1), TestNumbers.Us(2) }, new bool[1]))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*at least as many*");
        await FluentActions.Awaiting(() => s.GetSuppressedAsync(Acme, SuppressionCursor.Start, 0))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();

        (await s.IsSuppressedAsync(Acme, TestNumbers.Us(1))).Should().BeFalse("no refused call may leave state behind");
    }
}
