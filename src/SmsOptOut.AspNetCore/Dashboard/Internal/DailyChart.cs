using System.Globalization;
using System.Text;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Consent;
using SmsOptOut.Internal;
using SmsOptOut.Reports;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// Opt-outs and opt-ins per day as a server-rendered SVG bar chart with a legend, a value axis and day labels that never
/// overlap (every nth day, the last day always), and the same numbers as a table of the days (in a 90-day period, the
/// weeks) that had changes: the table
/// is what makes the chart readable without colour (and to a screen reader); each bar also carries its day and counts.
/// </summary>
internal static class DailyChart
{
    private const int Height = 170;
    private const int Top = 8;
    private const int Plot = 136;
    private const int Left = 44;
    private const int Width = 760;

    /// <summary>Room right of the plot, so the last day's label (centred under its bar) is not cut off.</summary>
    private const int Right = 20;

    /// <summary>Periods longer than this are tabled by week: 90 rows of days would not be read.</summary>
    private const int MaxDailyRows = 31;

    /// <summary>The least room a day label gets, in view-box units ("30 Nov" at 11px is about 32 wide).</summary>
    private const double LabelRoom = 44;

    public static string Render(IReadOnlyList<ConsentDayCount> counts, DateOnly from, DateOnly through)
    {
        var days = Enumerable.Range(0, through.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToArray();
        var optOuts = days.ToDictionary(d => d, d => counts.Where(c => c.Day == d && c.Kind == ConsentKind.OptOut).ToDictionary(c => c.Source, c => c.Count));
        var optIns = days.ToDictionary(d => d, d => counts.Where(c => c.Day == d && c.Kind == ConsentKind.OptIn).Sum(c => c.Count));
        var scale = NiceCeiling(days.Max(d => Math.Max(optOuts[d].Values.Sum(), optIns[d])));
        var stride = (Width - Left - Right) / (double)days.Length;
        var every = Math.Max(1, (int)Math.Ceiling(LabelRoom / stride));
        var html = new StringBuilder(days.Length * 500);
        html.Append("<ul class=\"legend\" aria-hidden=\"true\"><li><span class=\"swatch out\"></span>Opt-outs</li><li><span class=\"swatch in\"></span>Opt-ins</li></ul>")
            .Append(CultureInfo.InvariantCulture, $"<svg id=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"chart-title\">Opt-outs (blue) and opt-ins (green) per day, {from:yyyy-MM-dd} to {through:yyyy-MM-dd}; the table below has the numbers.</title>");
        foreach (var tick in Ticks(scale))
        {
            var y = Top + Plot - (tick * (double)Plot / scale);
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"{(tick == 0 ? "axis" : "grid")}\" x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{tick:N0}</text>");
        }

        for (var i = 0; i < days.Length; i++)
        {
            var day = days[i];
            var outs = optOuts[day].Values.Sum();
            var x = Left + (i * stride);
            Bar(html, "bar", day, x + (stride * 0.1), stride * 0.5, outs, scale, $"{day:yyyy-MM-dd}: {outs:N0} opt-out(s){Breakdown(optOuts[day])}");
            Bar(html, "bar-in", day, x + (stride * 0.6), stride * 0.3, optIns[day], scale, $"{day:yyyy-MM-dd}: {optIns[day]:N0} opt-in(s)");
            if ((days.Length - 1 - i) % every == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text class=\"day\" x=\"{x + (stride / 2):0.#}\" y=\"{Height - 10}\" text-anchor=\"middle\">{day.ToString("d MMM", CultureInfo.InvariantCulture)}</text>");
            }
        }

        html.Append("</svg>");
        // The table: one row per day (per week in a longer period) that had changes, newest first, and a total.
        var weekly = days.Length > MaxDailyRows;
        var rows = days.Where(d => optOuts[d].Count > 0 || optIns[d] > 0)
            .GroupBy(d => weekly ? d.AddDays(-(((int)d.DayOfWeek + 6) % 7)) : d)
            .Select(g => (Last: weekly ? Min(g.Key.AddDays(6), through) : g.Key, Key: g.Key, Days: g.ToList()))
            .OrderByDescending(r => r.Key)
            .ToList();
        if (rows.Count == 0)
        {
            return html.Append("<p id=\"no-days\">No consent change in these days.</p>").ToString();
        }

        var periods = weekly ? days.Select(d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7))).Distinct().Count() : days.Length;
        html.Append(weekly
                ? string.Create(CultureInfo.InvariantCulture, $"<table id=\"weeks\"><caption>Weeks with consent changes (Monday to Sunday, UTC days), newest first ({rows.Count:N0} of {periods:N0}; weeks without any are left out)</caption><thead><tr><th scope=\"col\">week</th>")
                : string.Create(CultureInfo.InvariantCulture, $"<table id=\"days\"><caption>Days with consent changes, newest first ({rows.Count:N0} of {periods:N0}; days without any are left out)</caption><thead><tr><th scope=\"col\">day (UTC)</th>"));
        foreach (var (source, _) in Labels.Sources)
        {
            html.Append("<th class=\"n\" scope=\"col\" title=\"").Append(Html.Encode(Labels.SourceHint(source))).Append("\">").Append(Html.Encode(Labels.Source(source))).Append("</th>");
        }

        html.Append("<th class=\"n\" scope=\"col\">opt-outs</th><th class=\"n\" scope=\"col\">opt-ins</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var start = Max(row.Key, from);
            html.Append(weekly
                ? string.Create(CultureInfo.InvariantCulture, $"<tr data-week=\"{row.Key:yyyy-MM-dd}\"><td>{start.ToString("d MMM", CultureInfo.InvariantCulture)} – {row.Last.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}</td>")
                : string.Create(CultureInfo.InvariantCulture, $"<tr data-day=\"{row.Key:yyyy-MM-dd}\"><td>{row.Key:yyyy-MM-dd}</td>"));
            foreach (var (source, _) in Labels.Sources)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{row.Days.Sum(d => optOuts[d].GetValueOrDefault(source)):N0}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{row.Days.Sum(d => optOuts[d].Values.Sum()):N0}</td><td class=\"n\">{row.Days.Sum(d => optIns[d]):N0}</td></tr>");
        }

        html.Append("</tbody><tfoot><tr><td>total</td>");
        foreach (var (source, _) in Labels.Sources)
        {
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{days.Sum(d => optOuts[d].GetValueOrDefault(source)):N0}</td>");
        }

        return html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{days.Sum(d => optOuts[d].Values.Sum()):N0}</td><td class=\"n\">{days.Sum(d => optIns[d]):N0}</td></tr></tfoot></table>")
            .ToString();
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>The top of the value axis: the busiest day rounded up to 4 times 1, 2, 3 or 5 times a power of ten (at least 4), so the ticks are round.</summary>
    public static long NiceCeiling(long busiest)
    {
        var value = Math.Max(4, busiest);
        for (var power = 1L; ; power *= 10)
        {
            foreach (var step in new[] { 1L, 2L, 3L, 5L })
            {
                if (step * power * 4 >= value)
                {
                    return step * power * 4;
                }
            }
        }
    }

    /// <summary>Five ticks from 0 to <paramref name="scale"/> (a multiple of 4).</summary>
    private static IEnumerable<long> Ticks(long scale) => Enumerable.Range(0, 5).Select(i => scale * i / 4);

    private static void Bar(StringBuilder html, string kind, DateOnly day, double x, double width, long count, long scale, string title)
    {
        var height = count * (double)Plot / scale;
        html.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"{kind}\" data-day=\"{day:yyyy-MM-dd}\" data-count=\"{count}\" x=\"{x:0.##}\" y=\"{Top + Plot - height:0.##}\" width=\"{width:0.##}\" height=\"{height:0.##}\">")
            .Append("<title>").Append(Html.Encode(title)).Append("</title></rect>");
    }

    private static string Breakdown(Dictionary<OptOutSource, long> bySource) =>
        bySource.Count == 0 ? string.Empty : " (" + string.Join(", ", bySource.OrderByDescending(s => s.Value).Select(s => string.Create(CultureInfo.InvariantCulture, $"{Labels.Source(s.Key)} {s.Value:N0}"))) + ")";
}
