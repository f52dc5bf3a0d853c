using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>
/// One notion of time: <c>stats</c> counts exactly what the library's <see cref="IConsentStatistics"/> (the dashboard's
/// source) counts, by recorded day by default and by occurred day when asked, and <c>export --since</c> selects by the
/// same time.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TimeNotionTests(SqliteToolFixture fixture) : SqliteToolTest(fixture)
{
    private static readonly AccountId Acme = new("acme");

    [Theory]
    [InlineData("recorded", ConsentTimeBasis.Recorded)]
    [InlineData("occurred", ConsentTimeBasis.Occurred)]
    public async Task Stats_agrees_with_the_librarys_daily_counts_by_recorded_and_by_occurred_day(string by, ConsentTimeBasis basis)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await SeedAsync();

        var (exit, output, error) = await RunAsync("stats", "--days", "10", "--by", by, "--json");

        exit.Should().Be(0, error);
        var days = Parse(output).GetProperty("days").EnumerateArray()
            .Select(d => (Day: DateOnly.Parse(d.GetProperty("day").GetString()!, System.Globalization.CultureInfo.InvariantCulture), OptOuts: d.GetProperty("opt_outs").GetInt64(), OptIns: d.GetProperty("opt_ins").GetInt64()))
            .Where(d => d.OptOuts + d.OptIns > 0).ToList();
        await using var services = Fixture.Open(Isolation);
        var library = (await services.GetRequiredService<IConsentStatistics>().CountByDayAsync(Acme, today.AddDays(-9), today, basis, default))
            .GroupBy(c => c.Day).Select(g => (Day: g.Key, OptOuts: g.Where(c => c.Kind == ConsentKind.OptOut).Sum(c => c.Count), OptIns: g.Where(c => c.Kind == ConsentKind.OptIn).Sum(c => c.Count)))
            .ToList();
        days.Should().Equal(library, "the tool and the dashboard's statistics count the same days");
        days.Should().Equal(basis == ConsentTimeBasis.Recorded
            ? [(today.AddDays(-2), 3L, 0L), (today, 2L, 1L)]
            : [(today.AddDays(-8), 1L, 0L), (today.AddDays(-5), 2L, 0L), (today.AddDays(-2), 1L, 0L), (today, 1L, 1L)]);
    }

    [Fact]
    public async Task Export_since_selects_by_recorded_time_by_default_and_by_occurred_time_when_asked()
    {
        var today = DateTime.UtcNow.Date;
        await SeedAsync();
        var since = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var recorded = await RunAsync("export", "--format", "jsonl", "--since", since);
        var occurred = await RunAsync("export", "--format", "jsonl", "--since", since, "--by", "occurred");

        Lines(recorded.Output).Should().Be(3, "two opt-outs and an opt-in were recorded today");
        Lines(occurred.Output).Should().Be(2, "one opt-out and the opt-in happened today; today's other record is an import of an old opt-out");
    }

    private static int Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>
    /// Two days ago: three recorded (one happened then, two imported from five days before); today: an import of an
    /// opt-out eight days old, a reply opt-out and an opt-in of one of them.
    /// </summary>
    private async Task SeedAsync()
    {
        await using var services = Fixture.Open(Isolation);
        var store = services.GetRequiredService<ISuppressionStore>();
        var now = DateTimeOffset.UtcNow;
        var twoDaysAgo = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-2).AddHours(12), TimeSpan.Zero);
        var i = 0;
        async Task Apply(ConsentKind kind, ulong number, DateTimeOffset occurred, DateTimeOffset recorded, OptOutSource source) =>
            (await store.ApplyAsync(new ConsentEvent
            {
                EventId = "evt_seed_" + i++, Account = Acme, Number = PhoneNumber.FromValue(number), Kind = kind, Source = source, Scope = SuppressionScope.Account,
                OccurredAt = occurred, RecordedAt = recorded, Evidence = ConsentEvidence.None,
            }, [])).Should().Be(ConsentApplyStatus.Applied);

        await Apply(ConsentKind.OptOut, 12_125_550_001, twoDaysAgo, twoDaysAgo, OptOutSource.Keyword);
        await Apply(ConsentKind.OptOut, 12_125_550_002, twoDaysAgo.AddDays(-3), twoDaysAgo, OptOutSource.Import);
        await Apply(ConsentKind.OptOut, 12_125_550_003, twoDaysAgo.AddDays(-3).AddHours(1), twoDaysAgo, OptOutSource.Import);
        await Apply(ConsentKind.OptOut, 12_125_550_004, now.AddDays(-8), now.AddSeconds(-3), OptOutSource.Import);
        await Apply(ConsentKind.OptOut, 12_125_550_005, now.AddSeconds(-2), now.AddSeconds(-2), OptOutSource.Keyword);
        await Apply(ConsentKind.OptIn, 12_125_550_005, now.AddSeconds(-1), now.AddSeconds(-1), OptOutSource.Keyword);
    }
}
