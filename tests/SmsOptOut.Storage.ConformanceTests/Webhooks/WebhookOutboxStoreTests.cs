using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.ConformanceTests.Webhooks;

/// <summary>The contract of <see cref="IWebhookOutboxStore"/>, and its atomic coupling to <see cref="ISuppressionStore.ApplyAsync"/>.</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite]
public abstract class WebhookOutboxStoreTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [SkippableFact]
    public virtual async Task An_applied_event_writes_its_messages_and_other_outcomes_write_none()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var optOut = Events.OptOut(Acme, TestNumbers.Us(1), now);
        var message = Events.Message(optOut, now);

        (await store.Suppression.ApplyAsync(optOut, [message])).Should().Be(ConsentApplyStatus.Applied);
        (await store.Suppression.ApplyAsync(optOut, [Events.Message(optOut, now)])).Should().Be(ConsentApplyStatus.Duplicate);
        var again = Events.OptOut(Acme, TestNumbers.Us(1), now);
        (await store.Suppression.ApplyAsync(again, [Events.Message(again, now)])).Should().Be(ConsentApplyStatus.AlreadyInState);

        (await store.Outbox.FindAsync(message.Id)).Should().BeEquivalentTo(message);
        var counts = await store.Outbox.CountAsync(Acme);
        (counts.Pending, counts.Delivered, counts.DeadLettered).Should().Be((1L, 0L, 0L));
    }

    [SkippableFact]
    public virtual async Task The_counts_say_when_the_earliest_pending_message_is_due()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        (await store.Outbox.CountAsync()).OldestDueAt.Should().BeNull("nothing is pending");
        await store.OweWebhookAsync(Acme, TestNumbers.Us(41), now.AddMinutes(5));
        var sooner = await store.OweWebhookAsync(Globex, TestNumbers.Us(42), now.AddMinutes(-3));

        (await store.Outbox.CountAsync()).OldestDueAt.Should().Be(now.AddMinutes(-3));

        var claimed = await store.Outbox.ClaimDueAsync("w", now, TimeSpan.FromMinutes(1), 10);
        claimed.Should().ContainSingle().Which.Id.Should().Be(sooner.Id);
        await store.Outbox.RecordAttemptAsync(new OutboxAttempt(sooner.Id, "w", OutboxMessageState.Delivered, 1, now, now, null));
        (await store.Outbox.CountAsync()).OldestDueAt.Should().Be(now.AddMinutes(5), "the delivered message is no longer owed");
    }

    [SkippableFact]
    public virtual async Task A_message_keeps_its_target_through_apply_claim_and_find()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var optOut = Events.OptOut(Acme, TestNumbers.Us(3), now);
        var webhook = Events.Message(optOut, now);
        var push = Events.Message(optOut, now) with { Target = "provider:smsto", Payload = "{\"kind\":\"opt_out\",\"number\":\"+12125550103\"}" };

        await store.Suppression.ApplyAsync(optOut, [webhook, push]);
        var claimed = await store.Outbox.ClaimDueAsync("a", now, Lease, 10);

        claimed.Should().HaveCount(2);
        claimed.Single(m => m.Id == push.Id).Target.Should().Be("provider:smsto");
        claimed.Single(m => m.Id == webhook.Id).Target.Should().BeNull();
        (await store.Outbox.FindAsync(push.Id)).Should().BeEquivalentTo(push, o => o.Excluding(m => m.LeaseOwner).Excluding(m => m.LeaseExpiresAt));
    }

    [SkippableFact]
    public virtual async Task Only_due_messages_are_claimed_oldest_first_up_to_the_limit()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var e = Events.OptOut(Acme, TestNumbers.Us(10 + i), now);
            var message = Events.Message(e, now.AddSeconds(-i));
            await store.Suppression.ApplyAsync(e, [message]);
            ids.Add(message.Id);
        }

        var future = Events.OptOut(Acme, TestNumbers.Us(20), now);
        await store.Suppression.ApplyAsync(future, [Events.Message(future, now.AddMinutes(5))]);

        var first = await store.Outbox.ClaimDueAsync("dispatcher-a", now, Lease, 3);
        var second = await store.Outbox.ClaimDueAsync("dispatcher-a", now, Lease, 10);

        first.Select(m => m.Id).Should().Equal(ids[4], ids[3], ids[2]);
        first.Should().AllSatisfy(m =>
        {
            m.LeaseOwner.Should().Be("dispatcher-a");
            m.LeaseExpiresAt.Should().Be(now + Lease);
        });
        second.Select(m => m.Id).Should().Equal(ids[1], ids[0]);
        (await store.Outbox.ClaimDueAsync("dispatcher-b", now.AddSeconds(30), Lease, 10)).Should().BeEmpty("the due ones are leased until +1 min and the last is due at +5 min");
        (await store.Outbox.ClaimDueAsync("dispatcher-b", now.AddMinutes(5), Lease, 10)).Should().HaveCount(6, "by then the leases expired and the last is due");
    }

    [SkippableFact]
    public virtual async Task A_leased_message_is_not_claimed_again_until_its_lease_expires()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await store.OweWebhookAsync(Acme, TestNumbers.Us(2));

        (await store.Outbox.ClaimDueAsync("a", now, Lease, 10)).Should().ContainSingle();
        (await store.Outbox.ClaimDueAsync("b", now.AddSeconds(59), Lease, 10)).Should().BeEmpty();
        var reclaimed = await store.Outbox.ClaimDueAsync("b", now + Lease, Lease, 10);

        reclaimed.Should().ContainSingle().Which.LeaseOwner.Should().Be("b");
    }

    [SkippableFact]
    public virtual async Task Only_the_lease_owner_records_an_attempt()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var message = await store.OweWebhookAsync(Acme, TestNumbers.Us(3));
        await store.Outbox.ClaimDueAsync("a", now, Lease, 10);

        (await store.Outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, "b", OutboxMessageState.Delivered, 1, now, now, null))).Should().BeFalse();
        (await store.Outbox.FindAsync(message.Id))!.State.Should().Be(OutboxMessageState.Pending);

        (await store.Outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, "a", OutboxMessageState.Delivered, 1, now.AddSeconds(1), now.AddSeconds(1), null))).Should().BeTrue();
        var delivered = await store.Outbox.FindAsync(message.Id);
        delivered.Should().BeEquivalentTo(message with
        {
            State = OutboxMessageState.Delivered, Attempts = 1, NextAttemptAt = now.AddSeconds(1), LastAttemptAt = now.AddSeconds(1),
        });
        (await store.Outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, "a", OutboxMessageState.Delivered, 2, now, now, null))).Should().BeFalse("the lease was released");
        (await store.Outbox.ClaimDueAsync("c", now.AddDays(1), Lease, 10)).Should().BeEmpty("delivered messages are never claimed again");
    }

    [SkippableFact]
    public virtual async Task A_retry_is_claimable_at_its_next_attempt_and_keeps_its_id_and_body()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var message = await store.OweWebhookAsync(Acme, TestNumbers.Us(4));
        await store.Outbox.ClaimDueAsync("a", now, Lease, 10);

        await store.Outbox.RecordAttemptAsync(new OutboxAttempt(message.Id, "a", OutboxMessageState.Pending, 1, now, now.AddMinutes(5), "HTTP 500"));

        (await store.Outbox.ClaimDueAsync("a", now.AddMinutes(4), Lease, 10)).Should().BeEmpty();
        var retried = (await store.Outbox.ClaimDueAsync("b", now.AddMinutes(5), Lease, 10)).Should().ContainSingle().Subject;
        retried.Id.Should().Be(message.Id);
        retried.Payload.Should().Be(message.Payload);
        retried.Attempts.Should().Be(1);
        retried.LastError.Should().Be("HTTP 500");
        retried.LastAttemptAt.Should().Be(now);
    }

    [SkippableFact]
    public virtual async Task Dead_letters_are_kept_listed_and_replayable()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var messages = new List<OutboxMessage>();
        for (var i = 0; i < 3; i++)
        {
            var e = Events.OptOut(Acme, TestNumbers.Us(30 + i), now);
            messages.Add(Events.Message(e, now.AddSeconds(i)));
            await store.Suppression.ApplyAsync(e, [messages[^1]]);
        }

        var other = Events.OptOut(Globex, TestNumbers.Us(30), now);
        await store.Suppression.ApplyAsync(other, [Events.Message(other, now)]);
        foreach (var m in await store.Outbox.ClaimDueAsync("a", now.AddMinutes(1), Lease, 10))
        {
            await store.Outbox.RecordAttemptAsync(new OutboxAttempt(m.Id, "a", OutboxMessageState.DeadLettered, 10, now.AddMinutes(1), now.AddMinutes(1), "gave up"));
        }

        var dead = await store.Outbox.GetDeadLettersAsync(Acme).ToListAsync();
        dead.Select(m => m.Id).Should().Equal(messages.Select(m => m.Id));
        dead.Should().AllSatisfy(m => m.LastError.Should().Be("gave up"));
        (await store.Outbox.CountAsync()).Should().Be(new OutboxCounts(0, 0, 4));

        (await store.Outbox.ReplayDeadLettersAsync(Acme, [messages[1].Id], now.AddHours(1))).Should().Be(1);
        (await store.Outbox.ReplayDeadLettersAsync(Acme, null, now.AddHours(1))).Should().Be(2);
        var replayed = await store.Outbox.ClaimDueAsync("b", now.AddHours(1), Lease, 10);
        replayed.Select(m => m.Id).Should().BeEquivalentTo(messages.Select(m => m.Id));
        replayed.Should().AllSatisfy(m => m.Attempts.Should().Be(0));
        (await store.Outbox.CountAsync(Globex)).DeadLettered.Should().Be(1, "replaying one account leaves the others alone");
    }

    [SkippableFact]
    public virtual async Task Making_messages_due_moves_waiting_retries_to_now_and_leaves_leased_delivered_and_other_accounts_alone()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var globex = new AccountId("globex");
        async Task<OutboxMessage> OweAsync(AccountId account, int number, DateTimeOffset due)
        {
            var e = Events.OptOut(account, TestNumbers.Us(number), now);
            var message = Events.Message(e, due);
            await store.Suppression.ApplyAsync(e, [message]);
            return message;
        }

        var waiting = await OweAsync(Acme, 70, now.AddHours(2));
        var leased = await OweAsync(Acme, 71, now);
        var dueAlready = await OweAsync(Acme, 72, now.AddMinutes(-1));
        var otherAccount = await OweAsync(globex, 73, now.AddHours(2));
        var delivered = await OweAsync(Acme, 74, now);
        (await store.Outbox.ClaimDueAsync("a", now, Lease, 10)).Select(m => m.Id).Should().BeEquivalentTo([leased.Id, dueAlready.Id, delivered.Id]);
        (await store.Outbox.RecordAttemptAsync(new OutboxAttempt(delivered.Id, "a", OutboxMessageState.Delivered, 1, now, now, null))).Should().BeTrue();
        (await store.Outbox.RecordAttemptAsync(new OutboxAttempt(dueAlready.Id, "a", OutboxMessageState.Pending, 1, now, now.AddMinutes(-1), "HTTP 500"))).Should().BeTrue();

        (await store.Outbox.MakeDueAsync(Acme, now)).Should().Be(1, "only the message waiting for its retry moves; a leased one is being delivered");

        (await store.Outbox.FindAsync(waiting.Id))!.NextAttemptAt.Should().Be(now);
        (await store.Outbox.FindAsync(otherAccount.Id))!.NextAttemptAt.Should().Be(now.AddHours(2));
        (await store.Outbox.FindAsync(dueAlready.Id))!.NextAttemptAt.Should().Be(now.AddMinutes(-1), "a message already due keeps its place in the queue");
        (await store.Outbox.FindAsync(delivered.Id))!.State.Should().Be(OutboxMessageState.Delivered);
        (await store.Outbox.ClaimDueAsync("b", now, Lease, 10)).Select(m => m.Id).Should().BeEquivalentTo([dueAlready.Id, waiting.Id]);
        (await store.Outbox.MakeDueAsync(null, now)).Should().Be(1, "every account: globex's waiting message");
        (await store.Outbox.ClaimDueAsync("b", now, Lease, 10)).Select(m => m.Id).Should().Equal(otherAccount.Id);
    }

    [SkippableFact]
    public virtual async Task Concurrent_claimers_never_share_a_message()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        for (var i = 0; i < 300; i++)
        {
            await store.OweWebhookAsync(Acme, TestNumbers.Us(1_000 + i));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(d => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (true)
            {
                var batch = await store.Outbox.ClaimDueAsync($"d{d}", now, Lease, 7);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(m => m.Id));
            }
        })));

        var all = claims.SelectMany(c => c).ToList();
        all.Should().HaveCount(300).And.OnlyHaveUniqueItems();
    }

    [SkippableFact]
    public virtual async Task Delivered_messages_are_deleted_after_retention_and_others_kept()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var e = Events.OptOut(Acme, TestNumbers.Us(40 + i), now);
            var message = Events.Message(e, now);
            ids.Add(message.Id);
            await store.Suppression.ApplyAsync(e, [message]);
        }

        await store.Outbox.ClaimDueAsync("a", now, Lease, 2);
        await store.Outbox.RecordAttemptAsync(new OutboxAttempt(ids[0], "a", OutboxMessageState.Delivered, 1, now, now, null));
        await store.Outbox.RecordAttemptAsync(new OutboxAttempt(ids[1], "a", OutboxMessageState.Delivered, 1, now.AddDays(2), now.AddDays(2), null));

        (await store.Outbox.DeleteDeliveredAsync(now.AddDays(1))).Should().Be(1);
        (await store.Outbox.FindAsync(ids[0])).Should().BeNull();
        (await store.Outbox.FindAsync(ids[1])).Should().NotBeNull();
        (await store.Outbox.FindAsync(ids[2])).Should().NotBeNull("pending messages are never deleted");
    }

    [SkippableFact]
    public virtual async Task Bad_arguments_are_refused()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();

        await FluentActions.Awaiting(() => store.Outbox.ClaimDueAsync("", now, Lease, 1)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.Outbox.ClaimDueAsync("a", now, TimeSpan.Zero, 1)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => store.Outbox.ClaimDueAsync("a", now, Lease, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => store.Outbox.ClaimDueAsync("a", now, Lease, 1_001)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => store.Outbox.RecordAttemptAsync(new OutboxAttempt("", "a", OutboxMessageState.Delivered, 1, now, now, null)))
            .Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.Outbox.RecordAttemptAsync(new OutboxAttempt("m", "a", OutboxMessageState.Delivered, 0, now, now, null)))
            .Should().ThrowAsync<ArgumentException>();
    }
}
