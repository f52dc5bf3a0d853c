using System.Globalization;
using System.Net;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Messages;

namespace SmsOptOut.Reports.Internal;

/// <summary>Writes a report as an email (text, HTML, CSV attachment) and as an SMS digest that fits its segments.</summary>
internal static class ReportComposer
{
    public static EmailMessage Email(UnsubscriptionReport report)
    {
        var period = Period(report);
        var subject = $"{Totals(report)} for {report.Account.Value} ({period})";

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Unsubscription report for {report.Account.Value}, {period}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Opt-outs: {report.OptOuts}    Opt-ins: {report.OptIns}");
        foreach (var ((kind, source), count) in report.Counts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind} by {source}: {count}");
        }

        text.AppendLine();
        var html = new StringBuilder()
            .Append("<!doctype html><html><body style=\"font-family:system-ui,sans-serif\"><h1 style=\"font-size:1.2rem\">Unsubscription report for ")
            .Append(Encode(report.Account.Value)).Append("</h1><p>").Append(Encode(period)).Append("</p><p>Opt-outs: <b>").Append(report.OptOuts)
            .Append("</b> &middot; Opt-ins: <b>").Append(report.OptIns).Append("</b></p><ul>");
        foreach (var ((kind, source), count) in report.Counts)
        {
            html.Append("<li>").Append(Encode(kind)).Append(" by ").Append(Encode(source)).Append(": ").Append(count).Append("</li>");
        }

        html.Append("</ul><table style=\"border-collapse:collapse\"><tr><th align=\"left\">Time (UTC)</th><th align=\"left\">Number</th>")
            .Append("<th align=\"left\">Change</th><th align=\"left\">Source</th><th align=\"left\">List</th></tr>");
        foreach (var e in report.Entries)
        {
            var (time, number, change, source, list) = Row(report, e);
            text.AppendLine(CultureInfo.InvariantCulture, $"{time}  {number}  {change} by {source}{(list.Length > 0 ? " (" + list + ")" : string.Empty)}");
            html.Append("<tr><td>").Append(Encode(time)).Append("</td><td>").Append(Encode(number)).Append("</td><td>").Append(Encode(change))
                .Append("</td><td>").Append(Encode(source)).Append("</td><td>").Append(Encode(list)).Append("</td></tr>");
        }

        var more = report.Total - report.Entries.Count;
        if (more > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"… and {more} more in the attached CSV.");
            html.Append("<tr><td colspan=\"5\">… and ").Append(more).Append(" more in the attached CSV.</td></tr>");
        }

        html.Append("</table></body></html>");
        var file = $"opt-outs-{report.Account.Value}-{report.Until.UtcDateTime:yyyyMMdd-HHmm}.csv";
        return new EmailMessage(report.Settings.EmailRecipients, subject, text.ToString(), html.ToString())
        {
            Attachments = [new EmailAttachment(file, "text/csv", report.Csv())],
        };
    }

    /// <summary>
    /// The digest: counts first, then as many entries as fit in the allowed segments; when not every entry fits, the
    /// entries are left out and the full report is named instead.
    /// </summary>
    public static string Sms(UnsubscriptionReport report)
    {
        var counts = string.Join(", ", report.Counts.Select(c => $"{c.Value} {c.Key.Kind} by {c.Key.Source}"));
        var head = $"{report.Account.Value}: {Totals(report)}" + (report.From == DateTimeOffset.UnixEpoch ? " so far" : $" since {Time(report.From)} UTC") + $" ({counts}).";
        var full = head + string.Concat(report.Entries.Select(e => $" {Number(report, e)} {(e.Kind == ConsentKind.OptOut ? "out" : "in")}/{ReportText.Source(e.Source)}."));
        if (report.Entries.Count == report.Total && Fits(full, report.Settings.MaxSmsSegments))
        {
            return full;
        }

        var pointer = report.Settings.FullReportUrl is { } url ? $" Full report: {url}" : " Full report by email or export.";
        var shortened = head + pointer;
        return Fits(shortened, report.Settings.MaxSmsSegments) ? shortened : head[..Math.Min(head.Length, SmsSegmentCalculator.Gsm7Single)];
    }

    /// <summary>"3 opt-outs", "1 opt-out, 2 opt-ins": the opt-ins only when there are some.</summary>
    private static string Totals(UnsubscriptionReport report) =>
        $"{report.OptOuts} opt-out{(report.OptOuts == 1 ? string.Empty : "s")}" +
        (report.OptIns > 0 ? $", {report.OptIns} opt-in{(report.OptIns == 1 ? string.Empty : "s")}" : string.Empty);

    private static bool Fits(string text, int segments) => SmsSegmentCalculator.Calculate(text).Segments <= segments;

    /// <summary>The number for an SMS: a masked one with '*' instead of '•', which would force UCS-2 and halve the room.</summary>
    private static string Number(UnsubscriptionReport report, ConsentEvent e) => report.Number(e).Replace('•', '*');

    private static (string Time, string Number, string Change, string Source, string List) Row(UnsubscriptionReport report, ConsentEvent e) =>
        (Time(e.RecordedAt), report.Number(e), ReportText.Kind(e.Kind), ReportText.Source(e.Source), e.List?.Value ?? string.Empty);

    private static string Period(UnsubscriptionReport report) =>
        report.From == DateTimeOffset.UnixEpoch ? $"until {Time(report.Until)} UTC" : $"{Time(report.From)} to {Time(report.Until)} UTC";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
