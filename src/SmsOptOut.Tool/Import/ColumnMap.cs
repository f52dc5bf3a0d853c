using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Import;

/// <summary>
/// Which column (CSV header or JSON property) holds each field of an opt-out, detected from the names (case, spaces,
/// dashes and underscores ignored) or fixed by a provider preset.
/// </summary>
internal sealed class ColumnMap
{
    private static readonly Dictionary<string, string[]> Synonyms = new()
    {
        ["number"] = ["number", "phone", "phonenumber", "mobile", "mobilenumber", "msisdn", "recipient", "to", "unsubscribednumber", "optedoutnumber", "cellphone"],
        ["timestamp"] = ["timestamp", "date", "datetime", "time", "createdat", "created", "optedoutat", "optoutdate", "unsubscribedat", "optedouttimestamp"],
        ["source"] = ["source", "channel", "origin", "method"],
        ["list"] = ["list", "listid", "listname"],
        ["note"] = ["note", "notes", "comment", "comments", "reason", "keyword"],
    };

    private ColumnMap(Dictionary<string, string> columns) => Columns = columns;

    /// <summary>Field → the column name it is read from.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; }

    /// <summary>Maps the names a file has; <paramref name="preset"/> fixes the names of a provider's export.</summary>
    public static ColumnMap Detect(IReadOnlyCollection<string> names, ImportPreset? preset, string file)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, synonyms) in Synonyms)
        {
            var wanted = preset?.Columns.GetValueOrDefault(field);
            var found = wanted is not null
                ? names.FirstOrDefault(n => Normalize(n) == Normalize(wanted))
                : synonyms.Select(s => names.FirstOrDefault(n => Normalize(n) == s)).FirstOrDefault(n => n is not null);
            if (found is not null)
            {
                columns[field] = found;
            }
        }

        if (!columns.ContainsKey("number"))
        {
            var expected = preset is null ? "one named number, phone, mobile, msisdn, to or recipient" : $"'{preset.Columns["number"]}' (preset {preset.Name})";
            throw new ToolException($"{file} has no phone number column: its columns are {string.Join(", ", names.Select(n => $"'{n}'"))}; expected {expected}.");
        }

        return new ColumnMap(columns);
    }

    /// <summary>The column of <paramref name="field"/>, or <see langword="null"/>.</summary>
    public string? this[string field] => Columns.GetValueOrDefault(field);

    public static string Normalize(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
