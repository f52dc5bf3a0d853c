using System.CommandLine;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Reports;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Tool.Numbers;

namespace SmsOptOut.Tool.Stats;

/// <summary>
/// <c>smsoptout stats</c>: opt-outs per day by source over a period, with a chart drawn in the terminal — the counts
/// <see cref="IConsentStatistics"/> gives the dashboard, by recorded day (default) or occurred day.
/// </summary>
internal static class StatsCommand
{
    private const int BarWidth = 40;

    /// <summary>The longest range <see cref="IConsentStatistics"/> answers in one call.</summary>
    private const int Chunk = 366;

    public static Command Create(GlobalOptions options)
    {
        var days = new Option<int>("--days") { Description = "The period: the last N days (UTC), today included (1 to 3660).", DefaultValueFactory = _ => 30 };
        var by = TimeBasis.Option("Which day an event counts on");
        var command = new Command("stats",
            "Opt-outs per day by source, and opt-ins, over the last days (UTC), with a chart. Counted by recorded day unless --by occurred.\n\n"
            + "Examples:\n  smsoptout stats --storage sqlite:optout.db --account acme\n  smsoptout stats --config appsettings.json --account acme --days 365 --by occurred --json")
        {
            days, by,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("stats", cancellationToken: cancellationToken).ConfigureAwait(false);
            var count = result.GetValue(days);
            if (count is < 1 or > 3660)
            {
                throw new ToolException($"--days {count} is out of range; expected 1 to 3660.");
            }

            var basis = TimeBasis.Parse(result.GetValue(by));
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var first = today.AddDays(1 - count);
            var perDay = Enumerable.Range(0, count).ToDictionary(i => first.AddDays(i), _ => (OptOuts: new SortedDictionary<string, long>(StringComparer.Ordinal), OptIns: 0L));
            var statistics = context.Get<IConsentStatistics>();
            for (var start = first; start <= today; start = start.AddDays(Chunk))
            {
                var end = start.AddDays(Chunk - 1) < today ? start.AddDays(Chunk - 1) : today;
                foreach (var c in await statistics.CountByDayAsync(account, start, end, basis, cancellationToken).ConfigureAwait(false))
                {
                    var day = perDay[c.Day];
                    if (c.Kind == ConsentKind.OptOut)
                    {
                        var source = Spell.Source(c.Source);
                        day.OptOuts[source] = day.OptOuts.GetValueOrDefault(source) + c.Count;
                    }
                    else
                    {
                        perDay[c.Day] = day with { OptIns = day.OptIns + c.Count };
                    }
                }
            }

            var answer = new StatsAnswer(Json.Version, account.Value, TimeBasis.Name(basis), Spell.Day(first), Spell.Day(today),
                [.. perDay.OrderBy(d => d.Key).Select(d => new DayCount(Spell.Day(d.Key), d.Value.OptOuts, d.Value.OptOuts.Values.Sum(), d.Value.OptIns))],
                perDay.Values.Sum(d => d.OptOuts.Values.Sum()), perDay.Values.Sum(d => d.OptIns));
            if (context.Json)
            {
                Json.Write(context.Output, answer);
            }
            else
            {
                Draw(context.Output, answer);
            }

            return ExitCodes.Ok;
        });
    }

    /// <summary>One line per day: a bar of '#' as long as the day's opt-outs relative to the busiest day, the count, the sources.</summary>
    private static void Draw(TextWriter output, StatsAnswer answer)
    {
        output.WriteLine($"opt-outs per day in account {answer.Account}, {answer.From} to {answer.To} (UTC, by {answer.By} time)");
        var busiest = Math.Max(1, answer.Days.Max(d => d.OptOuts));
        foreach (var day in answer.Days)
        {
            var length = (int)Math.Ceiling(day.OptOuts * (double)BarWidth / busiest);
            var sources = string.Join(", ", day.OptOutsBySource.OrderByDescending(s => s.Value).Select(s => string.Create(CultureInfo.InvariantCulture, $"{Word(s.Key)} {s.Value:N0}")));
            var optIns = day.OptIns > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {day.OptIns:N0} opt-in(s)") : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{day.Day} |{new string('#', length).PadRight(BarWidth)}| {day.OptOuts,7:N0}  {sources}{optIns}"));
        }

        var totals = answer.Days.SelectMany(d => d.OptOutsBySource).GroupBy(s => s.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{Word(g.Key)} {g.Sum(s => s.Value):N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total: {answer.OptOuts:N0} opt-outs ({string.Join(", ", totals)}), {answer.OptIns:N0} opt-ins"));
    }

    /// <summary>The words the chart uses for a source (the JSON keeps the export's spelling).</summary>
    private static string Word(string source) => source switch
    {
        "link" => Describe.Source(OptOutSource.OptOutLink),
        "reply" => Describe.Source(OptOutSource.Keyword),
        "provider" => Describe.Source(OptOutSource.ProviderError),
        _ => source,
    };
}
