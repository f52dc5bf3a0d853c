using System.Globalization;
using System.Text.RegularExpressions;

namespace SmsOptOut.Tool.Cli;

/// <summary>The instants <c>--since</c> and <c>--until</c> take: ISO 8601 (a date is its midnight UTC; a time without an offset is UTC), or a time ago (<c>7d</c>, <c>12h</c>).</summary>
internal static partial class TimeArgument
{
    public const string Accepted = "ISO 8601 (2026-11-01, 2026-11-01T10:00:00Z, 2026-11-01 10:00:00 as UTC) or a time ago (7d, 12h)";

    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    public static DateTimeOffset? Parse(string? text, string option, DateTimeOffset now)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (Ago().Match(trimmed) is { Success: true } ago && int.TryParse(ago.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return now - (ago.Groups[2].Value == "d" ? TimeSpan.FromDays(count) : TimeSpan.FromHours(count));
        }

        if (DateTimeOffset.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact)
            || (trimmed.Length > 10 && trimmed[4] == '-' && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.RoundtripKind, out exact)))
        {
            return exact.ToUniversalTime();
        }

        throw new ToolException($"{option} '{text}' is not a time; expected {Accepted}.");
    }

    [GeneratedRegex("^([0-9]{1,5})([dh])$")]
    private static partial Regex Ago();
}
