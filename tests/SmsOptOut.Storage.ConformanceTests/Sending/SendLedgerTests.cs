using FluentAssertions;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Sending;

/// <summary>
/// The contract of <see cref="ISendLedger"/>: a rolling window per counter, all counters or none per number, accounts
/// and counters independent, concurrent reservations never over a limit, old records purged.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite(Requires = StorageCapabilities.SendLedger)]
public abstract class SendLedgerTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly SendLimit ThreeADay = new("account/86400", 3, Day);

    [SkippableFact]
    public virtual async Task A_number_gets_as_many_messages_as_the_limit_allows_in_any_rolling_window()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var number = TestNumbers.Us(1);

        var first = await ReserveAsync(store, [number], [ThreeADay], now);
        var second = await ReserveAsync(store, [number], [ThreeADay], now.AddHours(1));
        var third = await ReserveAsync(store, [number], [ThreeADay], now.AddHours(2));
        var fourth = await ReserveAsync(store, [number], [ThreeADay], now.AddHours(23));
        var dayAfterFirst = await ReserveAsync(store, [number], [ThreeADay], now + Day);
        var rightAfter = await ReserveAsync(store, [number], [ThreeADay], now + Day + TimeSpan.FromMinutes(1));

        new[] { first, second, third }.Should().AllSatisfy(r => r.Should().Equal(true));
        fourth.Should().Equal(false);
        dayAfterFirst.Should().Equal([true], "exactly one window after it, the first message no longer counts");
        rightAfter.Should().Equal([false], "the second and third and the one just made still count");
    }

    [SkippableFact]
    public virtual async Task A_number_is_reserved_in_every_counter_or_in_none()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var number = TestNumbers.Us(2);
        var listLimit = new SendLimit("list:newsletter/86400", 1, Day);

        (await ReserveAsync(store, [number], [ThreeADay, listLimit], now)).Should().Equal(true);
        (await ReserveAsync(store, [number], [ThreeADay, listLimit], now.AddMinutes(1))).Should().Equal(false);
        (await ReserveAsync(store, [number], [ThreeADay, listLimit], now.AddMinutes(2))).Should().Equal(false);

        // The refused attempts recorded nothing in the account counter: two of its three are left.
        (await ReserveAsync(store, [number], [ThreeADay], now.AddMinutes(3))).Should().Equal(true);
        (await ReserveAsync(store, [number], [ThreeADay], now.AddMinutes(4))).Should().Equal(true);
        (await ReserveAsync(store, [number], [ThreeADay], now.AddMinutes(5))).Should().Equal(false);
    }

    [SkippableFact]
    public virtual async Task A_batch_is_answered_in_order_and_accounts_and_counters_are_independent()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var numbers = TestNumbers.Range(4, 10);
        var once = new SendLimit("account/3600", 1, TimeSpan.FromHours(1));
        await ReserveAsync(store, [numbers[1], numbers[3]], [once], now);

        var reserved = new bool[numbers.Length];
        var count = await store.SendLedger.TryReserveAsync(Acme, numbers, [once], now.AddMinutes(1), reserved);
        var otherAccount = await ReserveAsync(store, [numbers[1]], [once], now.AddMinutes(1), Globex);
        var otherCounter = await ReserveAsync(store, [numbers[1]], [once with { Counter = "list:offers/3600" }], now.AddMinutes(1));

        count.Should().Be(2);
        reserved.Should().Equal(true, false, true, false);
        otherAccount.Should().Equal(true);
        otherCounter.Should().Equal(true);
    }

    [SkippableFact]
    public virtual async Task Concurrent_reservations_never_exceed_the_limit()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var numbers = TestNumbers.Range(50, 100);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ReserveAsync(store, numbers, [ThreeADay], now.AddSeconds(i)))));

        for (var n = 0; n < numbers.Length; n++)
        {
            results.Count(r => r[n]).Should().Be(3, $"number {n} may get three messages, however many sends race");
        }
    }

    [SkippableFact]
    public virtual async Task Purging_forgets_only_what_was_sent_before_the_cutoff_and_stops_at_its_limit()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var numbers = TestNumbers.Range(3, 200);
        var weekly = new SendLimit("account/604800", 2, TimeSpan.FromDays(7));
        await ReserveAsync(store, numbers, [weekly], now);
        await ReserveAsync(store, numbers, [weekly], now.AddDays(8));

        (await store.SendLedger.PurgeAsync(now, 100)).Should().Be(0, "nothing was sent before the cutoff");
        (await store.SendLedger.PurgeAsync(now.AddDays(7.5), 2)).Should().BeInRange(0, 2, "the limit holds");
        while (await store.SendLedger.PurgeAsync(now.AddDays(7.5), 2) == 2)
        {
        }

        // The message of day 8 was kept and still counts this week: one more is allowed, not two.
        (await ReserveAsync(store, numbers, [weekly], now.AddDays(9))).Should().Equal(true, true, true);
        (await ReserveAsync(store, numbers, [weekly], now.AddDays(9))).Should().Equal(false, false, false);
    }

    [SkippableFact]
    public virtual async Task Bad_arguments_are_refused_and_nothing_is_recorded()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var number = TestNumbers.Us(1);

        await FluentActions.Awaiting(() => store.SendLedger.TryReserveAsync(default, new[] { number }, [ThreeADay], now, new bool[1])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.SendLedger.TryReserveAsync(Acme, new[] { number, number }, [ThreeADay], now, new bool[2]))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*a number twice*");
        await FluentActions.Awaiting(() => store.SendLedger.TryReserveAsync(Acme, new[] { number }, [ThreeADay], now, Array.Empty<bool>())).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.SendLedger.TryReserveAsync(Acme, new[] { number }, [], now, new bool[1])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.SendLedger.TryReserveAsync(Acme, new[] { number }, [ThreeADay, ThreeADay], now, new bool[1])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => store.SendLedger.TryReserveAsync(Acme, new[] { number }, [ThreeADay with { Messages = 0 }], now, new bool[1]))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => store.SendLedger.TryReserveAsync(Acme, new[] { number }, [ThreeADay with { Window = TimeSpan.FromDays(32) }], now, new bool[1]))
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => store.SendLedger.PurgeAsync(now, 0)).Should().ThrowAsync<ArgumentOutOfRangeException>();

        (await ReserveAsync(store, [number], [ThreeADay with { Messages = 1 }], now)).Should().Equal([true], "the refused calls recorded nothing");
    }

    private static async Task<bool[]> ReserveAsync(TestStore store, PhoneNumber[] numbers, SendLimit[] limits, DateTimeOffset now, Consent.AccountId? account = null)
    {
        var reserved = new bool[numbers.Length];
        await store.SendLedger.TryReserveAsync(account ?? Acme, numbers, limits, now, reserved);
        return reserved;
    }
}
