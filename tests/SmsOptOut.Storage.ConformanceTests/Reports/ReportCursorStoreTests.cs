using FluentAssertions;
using SmsOptOut.Consent;
using SmsOptOut.Reports;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.ConformanceTests.Reports;

/// <summary>The contract of <see cref="IReportCursorStore"/>: times round-trip to the millisecond.</summary>
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
    public virtual async Task Bad_arguments_are_refused_with_their_name()
    {
        await using var store = Fixture.CreateStore();

        await FluentActions.Awaiting(() => store.ReportCursors.SetAsync(Acme, null!)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("cursor");
        await FluentActions.Awaiting(() => store.ReportCursors.GetAsync(default)).Should().ThrowAsync<ArgumentException>();
    }
}
