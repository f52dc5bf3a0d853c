using System.Collections.Concurrent;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Numbers.Internal;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// The configured caps of one send as the store's counters: one counter per scope and window (<c>account/86400</c>,
/// <c>list:news/86400</c>), so caps over the same messages and window share their count and the strictest applies.
/// Which caps bind a recipient depends on its number (region, state, area code) and its local date (effective dates),
/// so recipients are grouped by the caps that bind them, each group reserved under its own limits.
/// </summary>
internal sealed class FrequencyCaps
{
    private readonly FrequencyCap[] _configured;
    private readonly ListId? _list;
    private readonly SenderAddress? _sender;
    private readonly DoNotCallExemption _exemption;
    private readonly FrequencyCap[] _caps;
    private readonly string[] _counters;
    private readonly ConcurrentDictionary<string, Group> _groups = new(StringComparer.Ordinal);

    private FrequencyCaps(FrequencyCap[] configured, FrequencyCap[] caps, ListId? list, SenderAddress? sender, DoNotCallExemption exemption)
    {
        (_configured, _list, _sender, _exemption) = (configured, list, sender, exemption);
        _caps = caps;
        _counters = [.. caps.Select(c => Counter(c, list, sender))];
    }

    /// <summary>
    /// The caps of a send to <paramref name="list"/>: a send without a list (a single message) is not counted by
    /// list-scoped caps, and one that declares an established business relationship not by caps that exempt it.
    /// </summary>
    public static FrequencyCaps? For(IList<FrequencyCap> caps, ListId? list, SenderAddress? sender, DoNotCallExemption exemption)
    {
        FrequencyCap[] binding =
        [
            .. caps.Where(c => (list is not null || c.Scope != FrequencyCapScope.List)
                && !(c.ExemptWithEstablishedBusinessRelationship && exemption == DoNotCallExemption.EstablishedBusinessRelationship)),
        ];
        return binding.Length == 0 ? null : new FrequencyCaps([.. caps], binding, list, sender, exemption);
    }

    /// <summary>
    /// Whether these are the caps <see cref="For"/> gives for the same arguments: the same configured caps (the same
    /// instances, in the same order), list, sender and exemption. An instance is safe to share between sends: a sender
    /// keeps the last one, so single sends do not work out the counters and groups again for every message.
    /// </summary>
    public bool IsFor(IList<FrequencyCap> caps, ListId? list, SenderAddress? sender, DoNotCallExemption exemption)
    {
        if (caps.Count != _configured.Length || list != _list || !Nullable.Equals(sender, _sender) || exemption != _exemption)
        {
            return false;
        }

        for (var i = 0; i < _configured.Length; i++)
        {
            if (!ReferenceEquals(caps[i], _configured[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The caps that bind <paramref name="number"/> at <paramref name="now"/>, or <see langword="null"/> when none does;
    /// <paramref name="memo"/> keeps the answer per prefix for one batch (one instant).
    /// </summary>
    public Group? Of(PhoneNumber number, DateTimeOffset now, Dictionary<ulong, Group?> memo)
    {
        var prefix = number.Value / 10_000_000;
        if (memo.TryGetValue(prefix, out var known))
        {
            return known;
        }

        var place = NumberPlace.Of(number);
        List<int>? binding = null;
        for (var i = 0; i < _caps.Length; i++)
        {
            var cap = _caps[i];
            if (RuleScope.Covers(cap.Region, cap.States, cap.AreaCodes, place) && InForce(cap, place, now))
            {
                (binding ??= []).Add(i);
            }
        }

        var group = binding is null ? null : GroupOf(binding);
        memo.Add(prefix, group);
        return group;
    }

    private Group GroupOf(List<int> indexes) => _groups.GetOrAdd(string.Join(',', indexes), static (_, state) =>
    {
        var (self, indexes) = state;
        var caps = indexes.Select(i => (Cap: self._caps[i], Counter: self._counters[i])).ToArray();
        var limits = caps
            .GroupBy(c => c.Counter, StringComparer.Ordinal)
            .Select(g => new SendLimit(g.Key, g.Min(c => c.Cap.Messages), g.First().Cap.Window))
            .ToArray();
        return new Group(limits, string.Join(", ", caps.Select(c => $"{c.Cap.Name} ({c.Cap.Messages} per {c.Cap.Window})")));
    }, (this, indexes));

    /// <summary>Whether the recipient's local date, in any of its zones, has reached the cap's effective date.</summary>
    private static bool InForce(FrequencyCap cap, NumberPlace place, DateTimeOffset now) =>
        cap.EffectiveFrom is not { } from || place.Zones.Any(z => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, z).DateTime) >= from);

    /// <summary>The counter's name: <c>account</c>, <c>list:</c> and the list, or <c>sender:</c> and the address (<c>sender:*</c> for the transport's own).</summary>
    private static string Counter(FrequencyCap cap, ListId? list, SenderAddress? sender) =>
        cap.Scope switch
        {
            FrequencyCapScope.List => "list:" + list!.Value.Value,
            FrequencyCapScope.Sender => "sender:" + (sender?.ToString() ?? "*"),
            _ => "account",
        } + "/" + ((long)cap.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>The caps that bind some recipients, as the store's limits.</summary>
    /// <param name="Limits">The counters, each named once, at the strictest of the caps sharing it.</param>
    /// <param name="Description">The caps by name and rule, for skip reports: "Florida … (3 per 1.00:00:00)".</param>
    internal sealed record Group(IReadOnlyList<SendLimit> Limits, string Description);
}
