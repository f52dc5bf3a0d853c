using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Reports;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Reports;

/// <summary>The contract of <see cref="IReportCursorStore"/>: times round-trip to the millisecond; claims are atomic leases.</summary>
/// <typeparam name="TFixture">The adapter's fixture.</typeparam>
[ConformanceSuite]
public abstract class ReportCursorStoreTests<TFixture>(TFixture fixture) : StorageSuite<TFixture>(fixture)
    where TFixture : StorageFixture
{
    private static readonly DateTimeOffset Until = new(2026, 11, 27, 8, 0, 0, 123, TimeSpan.Zero);

    [SkippableFact]
    public virtual async Task An_account_without_reports_has_no_cursor()
    {
        await using var store = Fixture.CreateStore();

        (await store.ReportCursors.GetAsync(Acme)).Should().BeNull();
    }

    [SkippableFact]
    public virtual async Task A_cursor_round_trips_and_is_replaced_by_the_next()
    {
        await using var store = Fixture.CreateStore();
        var first = new ReportCursor(Until, null);
        var second = new ReportCursor(Until.AddHours(1), Until.AddHours(1).AddSeconds(30));

        await store.ReportCursors.SetAsync(Acme, first);
        var afterFirst = await store.ReportCursors.GetAsync(Acme);
        await store.ReportCursors.SetAsync(Acme, second);
        var afterSecond = await store.ReportCursors.GetAsync(Acme);

        afterFirst.Should().Be(first);
        afterSecond.Should().Be(second);
        afterSecond!.ReportedUntil.Offset.Should().Be(TimeSpan.Zero);
    }

    [SkippableFact]
    public virtual async Task Accounts_have_their_own_cursors()
    {
        await using var store = Fixture.CreateStore();

        await store.ReportCursors.SetAsync(Acme, new ReportCursor(Until, Until));
        await store.ReportCursors.SetAsync(Globex, new ReportCursor(Until.AddDays(-1), null));

        (await store.ReportCursors.GetAsync(Acme))!.ReportedUntil.Should().Be(Until);
        (await store.ReportCursors.GetAsync(Globex))!.ReportedUntil.Should().Be(Until.AddDays(-1));
        (await store.ReportCursors.GetAsync(new AccountId("initech"))).Should().BeNull();
    }

    [SkippableFact]
    public virtual async Task A_claim_is_held_until_its_lease_ends_and_may_be_renewed_by_its_owner()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();
        var lease = TimeSpan.FromMinutes(5);

        (await store.ReportCursors.TryClaimAsync(Acme, "reporter-a", now, lease)).Should().BeTrue("nobody holds the claim");
        (await store.ReportCursors.TryClaimAsync(Acme, "reporter-b", now.AddMinutes(1), lease)).Should().BeFalse("a's lease runs until +5 min");
        (await store.ReportCursors.TryClaimAsync(Globex, "reporter-b", now.AddMinutes(1), lease)).Should().BeTrue("claims are per account");
        (await store.ReportCursors.TryClaimAsync(Acme, "reporter-a", now.AddMinutes(4), lease)).Should().BeTrue("the owner renews: now until +9 min");
        (await store.ReportCursors.TryClaimAsync(Acme, "reporter-b", now.AddMinutes(8), lease)).Should().BeFalse("the renewed lease runs until +9 min");
        (await store.ReportCursors.TryClaimAsync(Acme, "reporter-b", now.AddMinutes(9), lease)).Should().BeTrue("a lease ends at its end instant");
        (await store.ReportCursors.TryClaimAsync(Acme, "reporter-a", now.AddMinutes(10), lease)).Should().BeFalse("b holds it now");
        (await store.ReportCursors.GetAsync(Acme)).Should().BeNull("claiming does not write a cursor");
    }

    [SkippableFact]
    public virtual async Task Of_owners_claiming_at_once_exactly_one_wins()
    {
        await using var store = Fixture.CreateStore();
        var now = store.Time.GetUtcNow();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => store.ReportCursors.TryClaimAsync(Acme, "reporter-" + i, now, TimeSpan.FromMinutes(5)))));

        results.Count(won => won).Should().Be(1);
    }

    [SkippableFact]
    public virtual async Task Bad_arguments_are_refused_with_their_name()
    {
        await using var store = Fixture.CreateStore();

        await FluentActions.Awaiting(() => store.ReportCursors.SetAsync(Acme, null!)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("cursor");
        await FluentActions.Awaiting(() => store.ReportCursors.GetAsync(default)).Should().ThrowAsync<ArgumentException>();
        var now = store.Time.GetUtcNow();
        await FluentActions.Awaiting(() => store.ReportCursors.TryClaimAsync(Acme, "", now, TimeSpan.FromMinutes(1))).Should().ThrowAsync<ArgumentException>().WithParameterName("owner");
        await FluentActions.Awaiting(() => store.ReportCursors.TryClaimAsync(Acme, "a", now, TimeSpan.Zero)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("lease");
        await FluentActions.Awaiting(() => store.ReportCursors.TryClaimAsync(default, "a", now, TimeSpan.FromMinutes(1))).Should().ThrowAsync<ArgumentException>();
    }
}
