using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Privacy;
using SmsOptOut.Reports;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Reports;

/// <summary>
/// <see cref="IConsentStatistics"/> over the adapter (its <see cref="IConsentStatisticsStore"/> when it has one): every
/// recorded event counted once on its UTC day, by kind and source; the range's edges exact; accounts apart; erased
/// events no longer counted.
/// </summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite]
public abstract class ConsentStatisticsTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    [SkippableFact]
    public virtual async Task Events_are_counted_per_utc_day_kind_and_source_within_the_range()
    {
        await using var store = Fixture.CreateStore();
        var midnight = new DateTimeOffset(Monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await ApplyAsync(store, Acme, midnight.AddTicks(-1), OptOutSource.Keyword, 1, first: 0);          // Sunday, last tick
        await ApplyAsync(store, Acme, midnight, OptOutSource.Keyword, 2, first: 10);                      // Monday, first tick
        await ApplyAsync(store, Acme, midnight.AddHours(23), OptOutSource.OptOutLink, 3, first: 20);
        await ApplyAsync(store, Acme, midnight.AddDays(1).AddHours(12), OptOutSource.Import, 4, first: 30); // Tuesday
        await ApplyAsync(store, Globex, midnight.AddHours(1), OptOutSource.Keyword, 5, first: 40);
        store.Time.SetUtcNow(midnight.AddDays(1).AddHours(13));
        await store.OptOut.OptInAsync(new ConsentRequest(Acme, TestNumbers.Us(200), OptOutSource.Api));     // changes nothing: not recorded
        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(300), OptOutSource.Api));    // Tuesday
        await store.OptOut.OptInAsync(new ConsentRequest(Acme, TestNumbers.Us(300), OptOutSource.Keyword));  // Tuesday, an opt-in

        var counts = await Statistics(store).CountByDayAsync(Acme, Monday, Monday.AddDays(1));
        var sunday = await Statistics(store).CountByDayAsync(Acme, Monday.AddDays(-1), Monday.AddDays(-1));

        counts.Should().Equal(
            new ConsentDayCount(Monday, ConsentKind.OptOut, OptOutSource.OptOutLink, 3),
            new ConsentDayCount(Monday, ConsentKind.OptOut, OptOutSource.Keyword, 2),
            new ConsentDayCount(Monday.AddDays(1), ConsentKind.OptOut, OptOutSource.Api, 1),
            new ConsentDayCount(Monday.AddDays(1), ConsentKind.OptOut, OptOutSource.Import, 4),
            new ConsentDayCount(Monday.AddDays(1), ConsentKind.OptIn, OptOutSource.Keyword, 1));
        sunday.Should().Equal(new ConsentDayCount(Monday.AddDays(-1), ConsentKind.OptOut, OptOutSource.Keyword, 1));
        (await Statistics(store).CountByDayAsync(Globex, Monday, Monday)).Should().Equal(new ConsentDayCount(Monday, ConsentKind.OptOut, OptOutSource.Keyword, 5));
        (await Statistics(store).CountByDayAsync(new AccountId("nobody"), Monday, Monday)).Should().BeEmpty();
    }

    [SkippableFact]
    public virtual async Task An_erasure_takes_the_erased_events_out_of_the_counts()
    {
        await using var store = Fixture.CreateStore();
        var noon = new DateTimeOffset(Monday.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        await ApplyAsync(store, Acme, noon, OptOutSource.Keyword, 3, first: 500);
        store.Time.SetUtcNow(noon.AddDays(5)); // long past: a store may keep the day's counts from here on
        var before = await Statistics(store).CountByDayAsync(Acme, Monday, Monday);

        await store.DataSubjectService.EraseAsync(new ErasureRequest(TestNumbers.Us(500), "ticket-9", "asked") { Account = Acme });

        before.Should().Equal(new ConsentDayCount(Monday, ConsentKind.OptOut, OptOutSource.Keyword, 3));
        (await Statistics(store).CountByDayAsync(Acme, Monday, Monday)).Should().Equal(new ConsentDayCount(Monday, ConsentKind.OptOut, OptOutSource.Keyword, 2));
        (await Statistics(store).CountByDayAsync(Acme, Monday.AddDays(-3), Monday.AddDays(3))).Should().Equal(
            [new ConsentDayCount(Monday, ConsentKind.OptOut, OptOutSource.Keyword, 2)], "days counted once are read again alike");
    }

    [SkippableFact]
    public virtual async Task Current_suppressions_are_counted_per_number_and_scope_as_the_store_lists_them()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        await ApplyAsync(store, Acme, now, OptOutSource.Keyword, 4, first: 700);
        await store.Suppression.ApplyAsync(Events.OptOut(Acme, TestNumbers.Us(800), now, Newsletter) with { Scope = SuppressionScope.List }, []);
        await store.Suppression.ApplyAsync(Events.OptIn(Acme, TestNumbers.Us(700), now), []);
        await ApplyAsync(store, Globex, now, OptOutSource.Keyword, 2, first: 900);

        var count = await Statistics(store).CountSuppressedAsync(Acme);

        count.Should().Be(4, "three account-wide and one list suppression; the opt-in lifted one");
        count.Should().Be((await store.Suppression.GetSuppressedAsync(Acme, SmsOptOut.Suppression.SuppressionCursor.Start, 100)).Count);
        (await Statistics(store).CountSuppressedAsync(Globex)).Should().Be(2);
        (await Statistics(store).CountSuppressedAsync(new AccountId("nobody"))).Should().Be(0);
    }

    [SkippableFact]
    public virtual async Task Events_are_counted_by_their_recorded_or_their_occurred_day_as_asked()
    {
        await using var store = Fixture.CreateStore();
        var tuesday = new DateTimeOffset(Monday.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        store.Time.SetUtcNow(tuesday);
        // Imported on Tuesday: two happened on Monday, one the week before (outside both ranges by occurrence).
        foreach (var (number, at) in new[] { (600, tuesday.AddDays(-1)), (601, tuesday.AddDays(-1).AddHours(-9)), (602, tuesday.AddDays(-8)) })
        {
            await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(number), OptOutSource.Import) { OccurredAt = at });
        }

        await store.OptOut.OptOutAsync(new ConsentRequest(Acme, TestNumbers.Us(603), OptOutSource.Keyword));   // Tuesday, both ways
        store.Time.SetUtcNow(tuesday.AddDays(3));

        var recorded = await Statistics(store).CountByDayAsync(Acme, Monday, Monday.AddDays(1), ConsentTimeBasis.Recorded, default);
        var occurred = await Statistics(store).CountByDayAsync(Acme, Monday, Monday.AddDays(1), ConsentTimeBasis.Occurred, default);

        recorded.Should().Equal(
            new ConsentDayCount(Monday.AddDays(1), ConsentKind.OptOut, OptOutSource.Keyword, 1),
            new ConsentDayCount(Monday.AddDays(1), ConsentKind.OptOut, OptOutSource.Import, 3));
        recorded.Should().Equal(await Statistics(store).CountByDayAsync(Acme, Monday, Monday.AddDays(1)), "recorded time is the default");
        occurred.Should().Equal(
            new ConsentDayCount(Monday, ConsentKind.OptOut, OptOutSource.Import, 2),
            new ConsentDayCount(Monday.AddDays(1), ConsentKind.OptOut, OptOutSource.Keyword, 1));
        await FluentActions.Awaiting(() => Statistics(store).CountByDayAsync(Acme, Monday, Monday, (ConsentTimeBasis)7, default)).Should().ThrowAsync<ArgumentException>();
    }

    [SkippableFact]
    public virtual async Task A_bad_range_is_refused_naming_it()
    {
        await using var store = Fixture.CreateStore();

        (await FluentActions.Awaiting(() => Statistics(store).CountByDayAsync(Acme, Monday, Monday.AddDays(-1))).Should().ThrowAsync<ArgumentException>())
            .WithMessage("*2026-11-30 through 2026-11-29 are not a range of 1 to 366 days*");
        await FluentActions.Awaiting(() => Statistics(store).CountByDayAsync(Acme, Monday, Monday.AddDays(366))).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Statistics(store).CountByDayAsync(default, Monday, Monday)).Should().ThrowAsync<ArgumentException>();
        (await Statistics(store).CountByDayAsync(Acme, Monday, Monday.AddDays(365))).Should().BeEmpty("366 days is the longest range");
    }

    private static IConsentStatistics Statistics(TestStore store) => store.Services.GetRequiredService<IConsentStatistics>();

    /// <summary>Records <paramref name="count"/> opt-outs of the numbers from <paramref name="first"/> at <paramref name="at"/> (recorded then).</summary>
    private static async Task ApplyAsync(TestStore store, AccountId account, DateTimeOffset at, OptOutSource source, int count, int first)
    {
        for (var i = 0; i < count; i++)
        {
            var number = TestNumbers.Us(first + i);
            (await store.Suppression.ApplyAsync(Events.OptOut(account, number, at) with { Source = source }, [])).Should().Be(SmsOptOut.Suppression.ConsentApplyStatus.Applied);
        }
    }
}
