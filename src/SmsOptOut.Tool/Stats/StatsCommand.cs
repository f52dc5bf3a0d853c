using System.CommandLine;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Tool.Numbers;

namespace SmsOptOut.Tool.Stats;

/// <summary><c>smsoptout stats</c>: opt-outs per day by source over a period, with a chart drawn in the terminal.</summary>
internal static class StatsCommand
{
    private const int BarWidth = 40;

    public static Command Create(GlobalOptions options)
    {
        var days = new Option<int>("--days") { Description = "The period: the last N days, today included (1 to 3660).", DefaultValueFactory = _ => 30 };
        var command = new Command("stats", "Opt-outs per day by source, and opt-ins, over the last days (UTC), with a chart.") { days };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = context.Account("stats");
            var count = result.GetValue(days);
            if (count is < 1 or > 3660)
            {
                throw new ToolException($"--days {count} is out of range; expected 1 to 3660.");
            }

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var first = today.AddDays(1 - count);
            var perDay = Enumerable.Range(0, count).ToDictionary(i => first.AddDays(i), _ => (OptOuts: new Dictionary<string, long>(StringComparer.Ordinal), OptIns: 0L));
            var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            await foreach (var e in context.Get<ISuppressionStore>().GetEventsAsync(account, start.AddDays(-30), DateTimeOffset.UtcNow.AddMinutes(5), cancellationToken).ConfigureAwait(false))
            {
                // Counted by when they happened (an import's old timestamps land on their own days), recorded up to 30 days later.
                if (!perDay.TryGetValue(DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), out var day))
                {
                    continue;
                }

                if (e.Kind == ConsentKind.OptOut)
                {
                    var source = Describe.Source(e.Source);
                    day.OptOuts[source] = day.OptOuts.GetValueOrDefault(source) + 1;
                }
                else
                {
                    perDay[DateOnly.FromDateTime(e.OccurredAt.UtcDateTime)] = day with { OptIns = day.OptIns + 1 };
                }
            }

            var answer = new StatsAnswer(account.Value, first, today,
                [.. perDay.OrderBy(d => d.Key).Select(d => new DayCount(d.Key, d.Value.OptOuts, d.Value.OptIns))],
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
        output.WriteLine($"opt-outs per day in account {answer.Account}, {answer.From:yyyy-MM-dd} to {answer.To:yyyy-MM-dd} (UTC)");
        var busiest = Math.Max(1, answer.Days.Max(d => d.TotalOptOuts));
        foreach (var day in answer.Days)
        {
            var length = (int)Math.Ceiling(day.TotalOptOuts * (double)BarWidth / busiest);
            var sources = string.Join(", ", day.OptOuts.OrderByDescending(s => s.Value).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:N0}")));
            var optIns = day.OptIns > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {day.OptIns:N0} opt-in(s)") : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{day.Day:yyyy-MM-dd} |{new string('#', length).PadRight(BarWidth)}| {day.TotalOptOuts,7:N0}  {sources}{optIns}"));
        }

        var totals = answer.Days.SelectMany(d => d.OptOuts).GroupBy(s => s.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Sum(s => s.Value):N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total: {answer.OptOuts:N0} opt-outs ({string.Join(", ", totals)}), {answer.OptIns:N0} opt-ins"));
    }
}
