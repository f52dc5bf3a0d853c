using System.Collections.Concurrent;
using SmsOptOut.Numbers;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// Evaluates quiet-hours rules for a number: the time zones come from libphonenumber's mapper (cached per country and
/// area prefix); a number whose zone is unknown takes every zone of its country.
/// </summary>
internal sealed class QuietHours
{
    private const string UnknownZone = "Etc/Unknown";

    private static readonly PhoneNumbers.PhoneNumberToTimeZonesMapper Mapper = PhoneNumbers.PhoneNumberToTimeZonesMapper.GetInstance();
    private static readonly PhoneNumbers.PhoneNumberUtil Util = PhoneNumbers.PhoneNumberUtil.GetInstance();

    private readonly ConcurrentDictionary<ulong, (string Region, int AreaCode, TimeZoneInfo[] Zones)> _prefixes = new();

    /// <summary>
    /// The earliest instant from <paramref name="now"/> at which every applicable rule allows a message in every zone of
    /// the number; <see langword="null"/> when that is now. The answer depends only on the number's prefix (country and
    /// area) and <paramref name="now"/>, so a list send keeps one <paramref name="batch"/> per batch: each prefix is
    /// evaluated once, and each zone's local time computed once.
    /// </summary>
    public (DateTimeOffset NotBefore, string Rule)? Defer(PhoneNumber number, DateTimeOffset now, Batch batch)
    {
        var prefix = number.Value / 10_000_000;
        if (batch.Answers.TryGetValue(prefix, out var known))
        {
            return known;
        }

        var (region, areaCode, zones) = _prefixes.GetOrAdd(prefix, static (_, n) => Describe(n), number);
        QuietHoursRule[] rules = [.. batch.Rules.Where(r => (r.Region is null || r.Region == region) && (r.AreaCodes is null || r.AreaCodes.Contains(areaCode)))];
        (DateTimeOffset NotBefore, string Rule)? answer = OpenNow(rules, zones, now, batch) ? null : Evaluate(rules, zones, now);
        batch.Answers.Add(prefix, answer);
        return answer;
    }

    /// <summary>Whether every rule's window is open now in every zone (the common case, answered from each zone's local time).</summary>
    private static bool OpenNow(QuietHoursRule[] rules, TimeZoneInfo[] zones, DateTimeOffset now, Batch batch)
    {
        if (rules.Length == 0)
        {
            return true;
        }

        foreach (var zone in zones)
        {
            if (!batch.LocalTimes.TryGetValue(zone, out var local))
            {
                local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
                batch.LocalTimes.Add(zone, local);
            }

            foreach (var rule in rules)
            {
                if (rule.WindowOn(local.DayOfWeek) is not { } window || !window.Contains(TimeOnly.FromDateTime(local)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static (DateTimeOffset NotBefore, string Rule) Evaluate(QuietHoursRule[] rules, TimeZoneInfo[] zones, DateTimeOffset now)
    {
        var at = now;
        var binding = rules[0].Name;
        for (var round = 0; round < 8; round++)
        {
            var next = at;
            foreach (var rule in rules)
            {
                foreach (var zone in zones)
                {
                    var allowed = NextAllowed(at, rule, zone);
                    if (allowed > next)
                    {
                        (next, binding) = (allowed, rule.Name);
                    }
                }
            }

            if (next == at)
            {
                break;
            }

            at = next;
        }

        return (at, binding);
    }

    /// <summary>
    /// The first instant at or after <paramref name="at"/> inside the rule's local window in <paramref name="zone"/>: today's
    /// window if it is still to come, else the next open day's (a day the rule closes is skipped).
    /// </summary>
    private static DateTimeOffset NextAllowed(DateTimeOffset at, QuietHoursRule rule, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var today = DateOnly.FromDateTime(local.DateTime);
        for (var offset = 0; offset <= 7; offset++)
        {
            var day = today.AddDays(offset);
            if (rule.WindowOn(day.DayOfWeek) is not { } window || (offset == 0 && time >= window.Latest))
            {
                continue;
            }

            if (offset == 0 && window.Contains(time))
            {
                return at;
            }

            var opening = day.ToDateTime(window.Earliest);
            while (zone.IsInvalidTime(opening))
            {
                opening = opening.AddMinutes(30); // the opening falls in a spring-forward gap: the first valid local time after it
            }

            return new DateTimeOffset(opening, zone.GetUtcOffset(opening));
        }

        throw new InvalidOperationException($"The quiet-hours rule '{rule.Name}' allows no day of the week.");
    }

    /// <summary>The region, North American area code (-1 elsewhere) and time zones of the number's prefix.</summary>
    private static (string Region, int AreaCode, TimeZoneInfo[] Zones) Describe(PhoneNumber number)
    {
        var parsed = Util.Parse(number.ToString(), null);
        var ids = Mapper.GetTimeZonesForNumber(parsed);
        if (ids.Contains(UnknownZone))
        {
            ids = Mapper.GetTimeZonesForGeographicalNumber(new LibPhoneNumber.Builder().SetCountryCode(parsed.CountryCode).SetNationalNumber(0).Build());
        }

        var zones = ids.Select(id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null).OfType<TimeZoneInfo>().ToArray();
        var region = Util.GetRegionCodeForNumber(parsed);
        if (string.IsNullOrEmpty(region) || region == "ZZ")
        {
            region = Util.GetRegionCodeForCountryCode(parsed.CountryCode);
        }

        var areaCode = parsed.CountryCode == 1 ? (int)(number.Value / 10_000_000 % 1_000) : -1;
        return (region, areaCode, zones.Length > 0 ? zones : [TimeZoneInfo.Utc]);
    }

    /// <summary>What one batch of a list send has worked out for its rules: the answer per prefix and each zone's local time, at one instant.</summary>
    internal sealed class Batch(IReadOnlyList<QuietHoursRule> rules)
    {
        public IReadOnlyList<QuietHoursRule> Rules { get; } = rules;

        public Dictionary<ulong, (DateTimeOffset NotBefore, string Rule)?> Answers { get; } = [];

        public Dictionary<TimeZoneInfo, DateTime> LocalTimes { get; } = [];
    }
}
