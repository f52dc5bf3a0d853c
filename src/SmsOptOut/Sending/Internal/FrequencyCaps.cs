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

    /// <summary>The caps of a send to <paramref name="list"/>; a send without a list (a single message) is not counted by list-scoped caps.</summary>
    public static FrequencyCaps? For(IList<FrequencyCap> caps, ListId? list, Numbers.SenderAddress? sender)
    {
        caps = [.. caps.Where(c => list is not null || c.Scope != FrequencyCapScope.List)];
        if (caps.Count == 0)
        {
            return null;
        }

        var limits = caps
            .GroupBy(c => Counter(c, list, sender), StringComparer.Ordinal)
            .Select(g => new SendLimit(g.Key, g.Min(c => c.Messages), g.First().Window))
            .ToArray();
        return new FrequencyCaps(limits, string.Join(", ", caps.Select(c => $"{c.Name} ({c.Messages} per {c.Window})")));
    }

    /// <summary>The counter's name: <c>account</c>, <c>list:</c> and the list, or <c>sender:</c> and the address (<c>sender:*</c> for the transport's own).</summary>
    private static string Counter(FrequencyCap cap, ListId? list, Numbers.SenderAddress? sender) =>
        cap.Scope switch
        {
            FrequencyCapScope.List => "list:" + list!.Value.Value,
            FrequencyCapScope.Sender => "sender:" + (sender?.ToString() ?? "*"),
            _ => "account",
        } + "/" + ((long)cap.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
