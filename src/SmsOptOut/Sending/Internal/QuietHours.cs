using SmsOptOut.Numbers;
using SmsOptOut.Numbers.Internal;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// Evaluates quiet-hours rules for a number: which rules cover it (region, states, area codes — <see cref="RuleScope"/>),
/// and on which clocks each is read (the number's time zones from <see cref="NumberPlace"/>, or the fixed clocks a rule
/// names); a message must be inside every covering rule's window on every one of its clocks, from each rule's
/// effective date.
/// </summary>
internal sealed class QuietHours
{
    /// <summary>
    /// The earliest instant from <paramref name="now"/> at which every applicable rule allows a message on every clock;
    /// <see langword="null"/> when that is now. The answer depends only on the number's prefix (country and area) and
    /// <paramref name="now"/>, so a list send keeps one <paramref name="batch"/> per batch: each prefix is evaluated
    /// once, and each zone's local time computed once.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A service resolved from the container; the places it reads are cached process-wide.")]
    public (DateTimeOffset NotBefore, string Rule)? Defer(PhoneNumber number, DateTimeOffset now, Batch batch)
    {
        var prefix = number.Value / 10_000_000;
        if (batch.Answers.TryGetValue(prefix, out var known))
        {
            return known;
        }

        var checks = Checks(batch.Rules, NumberPlace.Of(number));
        (DateTimeOffset NotBefore, string Rule)? answer = OpenNow(checks, now, batch) ? null : Evaluate(checks, now);
        batch.Answers.Add(prefix, answer);
        return answer;
    }

    /// <summary>The rules that cover the place, each with each clock it is read on.</summary>
    private static (QuietHoursRule Rule, TimeZoneInfo Zone)[] Checks(IReadOnlyList<QuietHoursRule> rules, NumberPlace place)
    {
        var checks = new List<(QuietHoursRule, TimeZoneInfo)>(rules.Count * place.Zones.Length);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (RuleScope.Covers(rule.Region, rule.States, rule.AreaCodes, place))
            {
                foreach (var zone in RuleClocks.ZonesOf(rule.Clocks, place.Zones))
                {
                    checks.Add((rule, zone));
                }
            }
        }

        return [.. checks];
    }

    /// <summary>Whether every rule's window is open now on each of its clocks (the common case, answered from each zone's local time).</summary>
    private static bool OpenNow((QuietHoursRule Rule, TimeZoneInfo Zone)[] checks, DateTimeOffset now, Batch batch)
    {
        foreach (var (rule, zone) in checks)
        {
            if (!batch.LocalTimes.TryGetValue(zone, out var local))
            {
                local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
                batch.LocalTimes.Add(zone, local);
            }

            if (InForce(rule, local) && (rule.WindowOn(local.DayOfWeek) is not { } window || !window.Contains(TimeOnly.FromDateTime(local))))
            {
                return false;
            }
        }

        return true;
    }

    private static (DateTimeOffset NotBefore, string Rule) Evaluate((QuietHoursRule Rule, TimeZoneInfo Zone)[] checks, DateTimeOffset now)
    {
        var at = now;
        var binding = checks[0].Rule.Name;
        for (var round = 0; round < 16; round++)
        {
            var next = at;
            foreach (var (rule, zone) in checks)
            {
                var allowed = NextAllowed(at, rule, zone);
                if (allowed > next)
                {
                    (next, binding) = (allowed, rule.Name);
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
    /// The first instant at or after <paramref name="at"/> inside the rule's window on the clock <paramref name="zone"/>:
    /// <paramref name="at"/> itself while the rule is not yet in force there, today's window if it is still to come, else
    /// the next open day's (a day the rule closes is skipped).
    /// </summary>
    private static DateTimeOffset NextAllowed(DateTimeOffset at, QuietHoursRule rule, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        if (!InForce(rule, local.DateTime))
        {
            return at;
        }

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

    /// <summary>Whether the rule applies on the local date of <paramref name="local"/>.</summary>
    private static bool InForce(QuietHoursRule rule, DateTime local) => rule.EffectiveFrom is not { } from || DateOnly.FromDateTime(local) >= from;

    /// <summary>What one batch of a list send has worked out for its rules: the answer per prefix and each zone's local time, at one instant.</summary>
    internal sealed class Batch(IReadOnlyList<QuietHoursRule> rules)
    {
        public IReadOnlyList<QuietHoursRule> Rules { get; } = rules;

        public Dictionary<ulong, (DateTimeOffset NotBefore, string Rule)?> Answers { get; } = [];

        public Dictionary<TimeZoneInfo, DateTime> LocalTimes { get; } = [];
    }
}
