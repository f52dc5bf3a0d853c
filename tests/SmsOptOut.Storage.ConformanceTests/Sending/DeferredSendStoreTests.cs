using FluentAssertions;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Sending;

/// <summary>
/// The contract of <see cref="IDeferredSendStore"/>: messages wait until due, are claimed once (earliest first, however
/// many claim at once), are deleted when completed, and go with an erasure; adding an id twice keeps one.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.DeferredSends)]
public abstract class DeferredSendStoreTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    /// <summary>A message as SmsOptOut writes it: opaque JSON that must read back exactly.</summary>
    public const string Message = "{\"template\":\"Acme: sale \\u2014 50% off \\ud83d\\udc5f Reply STOP to opt out\",\"list\":\"news\"}";

    [SkippableFact]
    public virtual async Task A_message_waits_until_due_and_is_claimed_once_earliest_first()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var late = Held("late", TestNumbers.Us(1), now.AddHours(3));
        var early = Held("early", TestNumbers.Us(2), now.AddHours(1));
        var later = Held("later", TestNumbers.Us(3), now.AddHours(2));
        await store.HeldMessages.AddAsync([late, early, later]);

        (await store.HeldMessages.ClaimDueAsync(now.AddMinutes(59), 10)).Should().BeEmpty();
        (await store.HeldMessages.ClaimDueAsync(now.AddHours(2), 10)).Should().Equal(early, later);
        (await store.HeldMessages.ClaimDueAsync(now.AddHours(2), 10)).Should().BeEmpty("claimed messages are not claimed again");
        (await store.HeldMessages.CountAsync()).Should().Be(new DeferredSendCounts(1, 2));
        (await store.HeldMessages.ClaimDueAsync(now.AddDays(1), 10)).Should().Equal(late);
    }

    [SkippableFact]
    public virtual async Task Completing_deletes_claimed_messages_only_and_an_id_added_twice_is_kept_once()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var first = Held("m1", TestNumbers.Us(1), now);
        await store.HeldMessages.AddAsync([first, Held("m2", TestNumbers.Us(2), now.AddHours(5))]);
        await store.HeldMessages.AddAsync([first with { NotBefore = now.AddDays(9) }]);

        (await store.HeldMessages.CompleteAsync(["m2"])).Should().Be(0, "a pending message is not deleted by completing it");
        var claimed = await store.HeldMessages.ClaimDueAsync(now, 10);
        (await store.HeldMessages.CompleteAsync(["m1", "unknown"])).Should().Be(1);

        claimed.Should().Equal(first);
        (await store.HeldMessages.CountAsync()).Should().Be(new DeferredSendCounts(1, 0));
    }

    [SkippableFact]
    public virtual async Task The_limit_holds_and_concurrent_claims_share_the_messages_without_overlap()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var held = TestNumbers.Range(300, 100).Select((n, i) => Held($"c{i}", n, now.AddSeconds(-i))).ToArray();
        await store.HeldMessages.AddAsync(held);

        (await store.HeldMessages.ClaimDueAsync(now, 7)).Should().HaveCount(7);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.HeldMessages.ClaimDueAsync(now, 50))));

        var ids = claims.SelectMany(c => c).Select(s => s.Id).ToList();
        ids.Should().OnlyHaveUniqueItems().And.HaveCount(293);
    }

    [SkippableFact]
    public virtual async Task Deleting_a_number_removes_its_messages_in_that_account_pending_or_claimed()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var number = TestNumbers.Us(7);
        await store.HeldMessages.AddAsync([Held("a", number, now), Held("b", number, now.AddHours(1)), Held("c", TestNumbers.Us(8), now), Held("d", number, now) with { Account = Globex }]);
        await store.HeldMessages.ClaimDueAsync(now, 1);

        (await store.HeldMessages.FindAccountsAsync(number)).Should().BeEquivalentTo([Acme, Globex]);
        (await store.HeldMessages.DeleteAsync(Acme, number)).Should().Be(2);

        (await store.HeldMessages.FindAccountsAsync(number)).Should().Equal(Globex);
        (await store.HeldMessages.ClaimDueAsync(now.AddDays(1), 10)).Select(s => s.Id).Should().BeEquivalentTo(["c", "d"]);
    }

    [SkippableFact]
    public virtual async Task Bad_messages_are_refused_and_nothing_is_stored()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var good = Held("ok", TestNumbers.Us(1), now);

        await FluentActions.Awaiting(() => store.HeldMessages.AddAsync([good, good])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.HeldMessages.AddAsync([good, good with { Id = "" }])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.HeldMessages.AddAsync([good with { Id = "x", Number = default }])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.HeldMessages.AddAsync([good with { Id = "y", Message = "" }])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.HeldMessages.ClaimDueAsync(now, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();

        (await store.HeldMessages.CountAsync()).Should().Be(new DeferredSendCounts(0, 0));
    }

    /// <summary>A held message of <see cref="StorageSuite{TFixture}.Acme"/>.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="number">The recipient.</param>
    /// <param name="notBefore">When it is due.</param>
    /// <returns>The message.</returns>
    private static DeferredSend Held(string id, PhoneNumber number, DateTimeOffset notBefore) => new(id, Acme, number, notBefore, Message);
}
