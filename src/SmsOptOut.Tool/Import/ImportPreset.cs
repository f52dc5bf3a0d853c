using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Import;

/// <summary>
/// The column names of a provider's documented opt-out export, for files whose names detection would not find or
/// would read differently.
/// </summary>
internal sealed record ImportPreset(string Name, string Documentation, IReadOnlyDictionary<string, string> Columns)
{
    /// <summary>The presets, by name.</summary>
    public static IReadOnlyList<ImportPreset> All { get; } =
    [
        // Telnyx "List opt-outs" (GET /v2/messaging_optouts): each item's "to" is the number that opted out of
        // messages from "from"; "keyword" is the word that triggered it.
        new("telnyx", "Telnyx List opt-outs items (to, created_at, keyword)",
            new Dictionary<string, string> { ["number"] = "to", ["timestamp"] = "created_at", ["note"] = "keyword" }),

        // AWS End User Messaging SMS DescribeOptedOutNumbers: OptedOutNumbersInformation items.
        new("aws", "AWS End User Messaging DescribeOptedOutNumbers items (OptedOutNumber, OptedOutTimestamp)",
            new Dictionary<string, string> { ["number"] = "OptedOutNumber", ["timestamp"] = "OptedOutTimestamp" }),
    ];

    public static ImportPreset Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ToolException($"--preset '{name}' is not a preset; expected one of: {string.Join(", ", All.Select(p => p.Name))}.");
}
