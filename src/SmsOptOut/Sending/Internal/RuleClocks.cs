using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// The clocks of <see cref="QuietHoursRule.Clocks"/>: <see cref="QuietHoursRule.RecipientLocalTime"/> (every zone of the
/// number), a fixed offset from UTC (<c>UTC-06:00</c>, no daylight saving) or a time zone the machine knows
/// (<c>America/Chicago</c>, daylight saving followed). Each string is resolved once.
/// </summary>
internal static partial class RuleClocks
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Resolved = new(StringComparer.Ordinal);

    /// <summary>The zones <paramref name="clocks"/> read, given the recipient's (which no clocks, the default, means).</summary>
    public static TimeZoneInfo[] ZonesOf(IReadOnlyList<string>? clocks, TimeZoneInfo[] recipient)
    {
        if (clocks is null)
        {
            return recipient;
        }

        var zones = new List<TimeZoneInfo>(recipient.Length + clocks.Count);
        foreach (var clock in clocks)
        {
            if (!TryResolve(clock, out var zone))
            {
                throw new InvalidOperationException($"The quiet-hours clock '{clock}' is neither {QuietHoursRule.RecipientLocalTime}, a UTC offset such as UTC-06:00 nor a time zone this machine knows.");
            }

            foreach (var z in zone is null ? recipient : [zone])
            {
                if (!zones.Contains(z))
                {
                    zones.Add(z);
                }
            }
        }

        return [.. zones];
    }

    /// <summary>Resolves one clock; <paramref name="zone"/> is null for the recipient's local time.</summary>
    public static bool TryResolve(string? clock, out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(clock))
        {
            return false;
        }

        if (clock == QuietHoursRule.RecipientLocalTime)
        {
            return true;
        }

        zone = Resolved.GetOrAdd(clock, static c => Resolve(c));
        return zone is not null;
    }

    private static TimeZoneInfo? Resolve(string clock)
    {
        if (Offset().Match(clock) is { Success: true } match)
        {
            var hours = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            var minutes = int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
            var offset = new TimeSpan(hours, minutes, 0) * (match.Groups[1].Value == "-" ? -1 : 1);
            if (minutes > 59 || offset.Duration() > TimeSpan.FromHours(14))
            {
                return null;
            }

            var id = $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}";
            return TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
        }

        return (clock.StartsWith("UTC", StringComparison.Ordinal) && clock.Length > 3) || IsWindowsIdWithDaylightSaving(clock) ? null
            : TimeZoneInfo.TryFindSystemTimeZoneById(clock, out var zone) ? zone : null;
    }

    /// <summary>
    /// Whether <paramref name="clock"/> is a Windows time zone id of a zone with daylight saving ("Central Standard
    /// Time" is America/Chicago, CDT in summer): refused, since a law's "Central Standard Time" means UTC−6 all year.
    /// </summary>
    public static bool IsWindowsIdWithDaylightSaving(string clock) =>
        TimeZoneInfo.TryConvertWindowsIdToIanaId(clock, out var iana) && !string.Equals(iana, clock, StringComparison.Ordinal)
        && TimeZoneInfo.TryFindSystemTimeZoneById(iana, out var zone) && zone.SupportsDaylightSavingTime;

    [GeneratedRegex(@"^UTC([+-])(\d{2}):(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Offset();
}
