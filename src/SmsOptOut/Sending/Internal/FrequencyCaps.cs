using System.Globalization;
using SmsOptOut.Consent;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// The configured caps as the store's counters for one list send: one counter per scope and window (<c>account/86400</c>,
/// <c>list:news/86400</c>), so caps over the same messages and window share their count and the strictest applies.
/// </summary>
internal sealed class FrequencyCaps
{
    private FrequencyCaps(IReadOnlyList<SendLimit> limits, string description)
    {
        Limits = limits;
        Description = description;
    }

    public IReadOnlyList<SendLimit> Limits { get; }

    /// <summary>The caps by name and rule, for skip reports: "Florida FTSA (3 per 1.00:00:00)".</summary>
    public string Description { get; }

    public static FrequencyCaps? For(IList<FrequencyCap> caps, ListId list)
    {
        if (caps.Count == 0)
        {
            return null;
        }

        var limits = caps
            .GroupBy(c => Counter(c, list), StringComparer.Ordinal)
            .Select(g => new SendLimit(g.Key, g.Min(c => c.Messages), g.First().Window))
            .ToArray();
        return new FrequencyCaps(limits, string.Join(", ", caps.Select(c => $"{c.Name} ({c.Messages} per {c.Window})")));
    }

    private static string Counter(FrequencyCap cap, ListId list) =>
        (cap.Scope == FrequencyCapScope.List ? "list:" + list.Value : "account") + "/" + ((long)cap.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
