using System.Globalization;
using System.Text;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// Opt-outs and opt-ins per day as a server-rendered SVG bar chart, and the same numbers as a table: the table is what
/// makes the chart readable without colour (and to a screen reader); each bar also carries its day and counts.
/// </summary>
internal static class DailyChart
{
    private const int Height = 160;
    private const int Plot = 130;
    private const int Width = 760;

    private static readonly OptOutSource[] Sources = [OptOutSource.OptOutLink, OptOutSource.Keyword, OptOutSource.Api, OptOutSource.Import, OptOutSource.ProviderError];

    public static string Render(IReadOnlyList<ConsentDayCount> counts, DateOnly from, DateOnly through)
    {
        var days = Enumerable.Range(0, through.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToArray();
        var optOuts = days.ToDictionary(d => d, d => counts.Where(c => c.Day == d && c.Kind == ConsentKind.OptOut).ToDictionary(c => c.Source, c => c.Count));
        var optIns = days.ToDictionary(d => d, d => counts.Where(c => c.Day == d && c.Kind == ConsentKind.OptIn).Sum(c => c.Count));
        var busiest = Math.Max(1, days.Max(d => Math.Max(optOuts[d].Values.Sum(), optIns[d])));
        var stride = Width / (double)days.Length;
        var html = new StringBuilder(days.Length * 400);
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"chart-title\">Opt-outs (blue) and opt-ins (green) per day, {from:yyyy-MM-dd} to {through:yyyy-MM-dd}; the table below has the numbers.</title>")
            .Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"0\" y1=\"{Plot}\" x2=\"{Width}\" y2=\"{Plot}\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"12\">{busiest:N0}</text>");
        for (var i = 0; i < days.Length; i++)
        {
            var day = days[i];
            var outs = optOuts[day].Values.Sum();
            var x = i * stride;
            Bar(html, "bar", day, x + (stride * 0.1), stride * 0.5, outs, busiest, $"{day:yyyy-MM-dd}: {outs:N0} opt-out(s){Breakdown(optOuts[day])}");
            Bar(html, "bar-in", day, x + (stride * 0.6), stride * 0.3, optIns[day], busiest, $"{day:yyyy-MM-dd}: {optIns[day]:N0} opt-in(s)");
            if (days.Length <= 31 || i % 7 == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - 14}\">{day:MM-dd}</text>");
            }
        }

        html.Append("</svg>");
        html.Append("<table id=\"days\"><caption>Consent changes per day</caption><thead><tr><th>day</th>");
        foreach (var source in Sources)
        {
            html.Append("<th class=\"n\">").Append(Describe(source)).Append("</th>");
        }

        html.Append("<th class=\"n\">opt-outs</th><th class=\"n\">opt-ins</th></tr></thead><tbody>");
        foreach (var day in days.Reverse())
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-day=\"{day:yyyy-MM-dd}\"><td>{day:yyyy-MM-dd}</td>");
            foreach (var source in Sources)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{optOuts[day].GetValueOrDefault(source):N0}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{optOuts[day].Values.Sum():N0}</td><td class=\"n\">{optIns[day]:N0}</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    public static string Describe(OptOutSource source) => source switch
    {
        OptOutSource.OptOutLink => "link",
        OptOutSource.Keyword => "keyword",
        OptOutSource.Api => "API",
        OptOutSource.Import => "import",
        OptOutSource.ProviderError => "provider",
        _ => source.ToString(),
    };

    private static void Bar(StringBuilder html, string kind, DateOnly day, double x, double width, long count, long busiest, string title)
    {
        var height = count * (double)Plot / busiest;
        html.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"{kind}\" data-day=\"{day:yyyy-MM-dd}\" data-count=\"{count}\" x=\"{x:0.##}\" y=\"{Plot - height:0.##}\" width=\"{width:0.##}\" height=\"{height:0.##}\">")
            .Append("<title>").Append(Html.Encode(title)).Append("</title></rect>");
    }

    private static string Breakdown(Dictionary<OptOutSource, long> bySource) =>
        bySource.Count == 0 ? string.Empty : " (" + string.Join(", ", bySource.OrderByDescending(s => s.Value).Select(s => string.Create(CultureInfo.InvariantCulture, $"{Describe(s.Key)} {s.Value:N0}"))) + ")";
}
