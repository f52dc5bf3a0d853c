using System.Collections.Concurrent;
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
    /// The checks per prefix, worked out once per prefix and set of rules for the life of the process: a single send is a
    /// batch of one, so without this every send would re-scope every rule and list every clock of the number again.
    /// </summary>
    private readonly ConcurrentDictionary<ulong, Plan> _plans = new();

    /// <summary>
    /// The earliest instant from <paramref name="now"/> at which every applicable rule allows a message on every clock;
    /// <see langword="null"/> when that is now. The answer depends only on the number's prefix (country and area) and
    /// <paramref name="now"/>, so a list send keeps one <paramref name="batch"/> per batch: each prefix is evaluated
    /// once, and each zone's local time computed once.
    /// </summary>
    public (DateTimeOffset NotBefore, string Rule)? Defer(PhoneNumber number, DateTimeOffset now, Batch batch)
    {
        var prefix = number.Value / 10_000_000;
        if (batch.Answers.TryGetValue(prefix, out var known))
        {
            return known;
        }

        var plan = PlanOf(prefix, number, batch.Rules);
        (DateTimeOffset NotBefore, string Rule)? answer = OpenNow(plan, now, batch) ? null : Evaluate(plan.Checks, now);
        batch.Answers.Add(prefix, answer);
        return answer;
    }

    /// <summary>The checks of <paramref name="rules"/> for the prefix, from the cache when it holds them for the same rules.</summary>
    private Plan PlanOf(ulong prefix, PhoneNumber number, IReadOnlyList<QuietHoursRule> rules)
    {
        if (_plans.TryGetValue(prefix, out var cached) && cached.IsFor(rules))
        {
            return cached;
        }

        var plan = Plan.Of(rules, NumberPlace.Of(number));
        _plans[prefix] = plan;
        return plan;
    }

    /// <summary>Whether every rule's window is open now on each of its clocks (the common case, answered from each zone's local time).</summary>
    private static bool OpenNow(Plan plan, DateTimeOffset now, Batch batch)
    {
        foreach (var (zone, rules) in plan.ByZone)
        {
            var local = batch.LocalTime(zone, now);
            var time = TimeOnly.FromDateTime(local);
            foreach (var rule in rules)
            {
                if (InForce(rule, local) && !rule.Allows(local.DayOfWeek, time))
                {
                    return false;
                }
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
        private Dictionary<TimeZoneInfo, DateTime>? _localTimes;

        public IReadOnlyList<QuietHoursRule> Rules { get; } = rules;

        public Dictionary<ulong, (DateTimeOffset NotBefore, string Rule)?> Answers { get; } = [];

        /// <summary>
        /// The local time on <paramref name="zone"/> at <paramref name="now"/>. The first prefix of a batch (the only one of a
        /// single send) converts directly; later prefixes share the conversions of the zones they have in common.
        /// </summary>
        public DateTime LocalTime(TimeZoneInfo zone, DateTimeOffset now)
        {
            if (Answers.Count == 0)
            {
                return TimeZoneInfo.ConvertTime(now, zone).DateTime;
            }

            _localTimes ??= new(ReferenceEqualityComparer.Instance);
            if (!_localTimes.TryGetValue(zone, out var local))
            {
                local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
                _localTimes.Add(zone, local);
            }

            return local;
        }
    }

    /// <summary>The rules that cover one prefix, each with each clock it is read on, in rule order and by clock.</summary>
    /// <param name="Rules">The rules the plan was made for.</param>
    /// <param name="Checks">Each covering rule with each of its clocks, in the rules' order (which names the binding rule of a deferral).</param>
    /// <param name="ByZone">The same checks by clock, so each zone's local time is read once.</param>
    private sealed record Plan(QuietHoursRule[] Rules, (QuietHoursRule Rule, TimeZoneInfo Zone)[] Checks, (TimeZoneInfo Zone, QuietHoursRule[] Rules)[] ByZone)
    {
        /// <summary>Whether the plan was made for the same rules (the same instances, in the same order).</summary>
        public bool IsFor(IReadOnlyList<QuietHoursRule> rules)
        {
            if (rules.Count != Rules.Length)
            {
                return false;
            }

            for (var i = 0; i < Rules.Length; i++)
            {
                if (!ReferenceEquals(rules[i], Rules[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public static Plan Of(IReadOnlyList<QuietHoursRule> rules, NumberPlace place)
        {
            var checks = new List<(QuietHoursRule, TimeZoneInfo)>(rules.Count * place.Zones.Length);
            var byZone = new Dictionary<TimeZoneInfo, List<QuietHoursRule>>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                if (RuleScope.Covers(rule.Region, rule.States, rule.AreaCodes, place))
                {
                    foreach (var zone in RuleClocks.ZonesOf(rule.Clocks, place.Zones))
                    {
                        checks.Add((rule, zone));
                        if (!byZone.TryGetValue(zone, out var onZone))
                        {
                            byZone[zone] = onZone = [];
                        }

                        onZone.Add(rule);
                    }
                }
            }

            return new Plan([.. rules], [.. checks], [.. byZone.Select(static z => (z.Key, z.Value.ToArray()))]);
        }
    }
}
