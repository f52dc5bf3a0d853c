using System.Globalization;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// How the dashboard writes instants: in the configured IANA time zone with the UTC time beside it, or in UTC alone;
/// and how it reads a typed day (the start of that day in the zone). Every instant is also in a <c>time</c> element's
/// <c>datetime</c>, exact.
/// </summary>
internal sealed class DashboardTime(TimeZoneInfo? zone)
{
    /// <summary>The zone, or <see langword="null"/> for UTC.</summary>
    public TimeZoneInfo? Zone { get; } = zone;

    /// <summary>The zone's IANA id, or <c>UTC</c>.</summary>
    public string ZoneName => Zone?.Id ?? "UTC";

    /// <summary>The zone named by <paramref name="id"/>: an IANA id this machine knows, or an exception saying what to give.</summary>
    public static TimeZoneInfo? Resolve(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            throw new InvalidOperationException(
                $"SmsOptOutDashboardOptions.TimeZone '{id}' is not an IANA time zone of this machine; expected an id such as America/New_York or Europe/Berlin (tzdata), or null for UTC.");
        }

        return zone;
    }

    /// <summary>A sentence for the top of a page that shows times.</summary>
    public string Note => Zone is null ? "Times are UTC." : $"Times are {Zone.Id} (UTC beside).";

    /// <summary>An instant as HTML: <c>2026-11-27 01:14 −05:00 · 06:14 UTC</c>, or <c>2026-11-27 06:14 UTC</c>.</summary>
    public string Show(DateTimeOffset instant, bool seconds = false)
    {
        var utc = instant.ToUniversalTime();
        var format = seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm";
        var iso = utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (Zone is null)
        {
            return $"<time datetime=\"{iso}\">{utc.ToString(format, CultureInfo.InvariantCulture)} UTC</time>";
        }

        var local = TimeZoneInfo.ConvertTime(utc, Zone);
        var utcPart = utc.Date == local.Date ? utc.ToString(seconds ? "HH:mm:ss" : "HH:mm", CultureInfo.InvariantCulture) : utc.ToString(format, CultureInfo.InvariantCulture);
        return $"<time datetime=\"{iso}\">{local.ToString(format, CultureInfo.InvariantCulture)} <span class=\"offset\">{Offset(local.Offset)}</span></time> "
            + $"<span class=\"utc\">· {utcPart} UTC</span>";
    }

    /// <summary>An instant as text for a CSV column: ISO 8601 with the zone's offset.</summary>
    public string Local(DateTimeOffset instant) =>
        (Zone is null ? instant.ToUniversalTime() : TimeZoneInfo.ConvertTime(instant, Zone)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The instant a day starts in the zone (a typed date of a filter).</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (Zone is null)
        {
            return new DateTimeOffset(midnight, TimeSpan.Zero);
        }

        // A day that starts in a gap (a DST change at midnight) starts at the gap's end.
        while (Zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>Today in the zone.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime((Zone is null ? now.ToUniversalTime() : TimeZoneInfo.ConvertTime(now, Zone)).DateTime);

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "\u2212" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
}
