using System.Globalization;
using SmsOptOut.Keywords;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Import;

/// <summary>One field's column and how it was chosen.</summary>
/// <param name="Field">number, occurred, source, list or note.</param>
/// <param name="Column">The column's name in the file.</param>
/// <param name="Index">Its position in <see cref="ImportFile.Columns"/>.</param>
/// <param name="How">"--map", "preset NAME" or "detected".</param>
internal sealed record FieldColumn(string Field, string Column, int Index, string How);

/// <summary>
/// Which column (CSV header or JSON property) holds each field of an opt-out: named with <c>--map field=Column</c>,
/// fixed by a provider preset, or detected from the usual names (case, spaces, dashes and underscores ignored). Two
/// plausible number columns and no preset or <c>--map</c> is ambiguous: the import stops and names them. The first rows
/// read are looked at for what names cannot tell: a date column left unused, one number on many rows, a column of the
/// account's own sending numbers.
/// </summary>
internal sealed class ColumnMap
{
    public static readonly string[] Fields = ["number", "occurred", "source", "list", "note"];

    /// <summary>Names that say "the person's number".</summary>
    private static readonly string[] NumberNames =
        ["number", "phone", "phonenumber", "mobile", "mobilenumber", "msisdn", "recipient", "unsubscribednumber", "optedoutnumber", "cellphone", "contactid"];

    /// <summary>Names that hold a number, but whose side depends on the message's direction: never chosen when another candidate exists.</summary>
    private static readonly string[] DirectionalNumberNames = ["to", "from", "tonumber", "fromnumber", "destination", "sender"];

    private static readonly string[] OccurredNames =
    [
        "timestamp", "date", "datetime", "time", "createdat", "created", "datecreated", "optedoutat", "optoutdate", "optedoutdate", "unsubscribedat",
        "unsubscribeddate", "optedouttimestamp", "sentdate", "datesent", "messagetime", "messagetimestamp", "dateofconsent",
    ];

    private static readonly Dictionary<string, string[]> OtherNames = new()
    {
        ["source"] = ["source", "channel", "origin", "method"],
        ["list"] = ["list", "listid", "listname"],
        ["note"] = ["note", "notes", "comment", "comments", "reason", "keyword"],
    };

    private static readonly KeywordClassifier Keywords = KeywordClassifier.Create(new KeywordOptions());

    private readonly IReadOnlyList<(int Index, string[] Values, string Reason)> _filters;
    private readonly int _keywordIndex;
    private bool _numbersWithoutPlus;

    private ColumnMap(IReadOnlyList<string> columns, Dictionary<string, FieldColumn> fields, IReadOnlyList<(int, string[], string)> filters, int keywordIndex,
        IReadOnlyList<string> ownNumberColumns)
    {
        AllColumns = columns;
        Columns = fields;
        _filters = filters;
        _keywordIndex = keywordIndex;
        OwnNumberColumns = ownNumberColumns;
        var used = fields.Values.Select(f => f.Index).Concat(filters.Select(f => f.Item1)).Append(keywordIndex).ToHashSet();
        Unused = [.. columns.Where((_, i) => !used.Contains(i))];
    }

    public IReadOnlyList<string> AllColumns { get; }

    /// <summary>Field → its column.</summary>
    public IReadOnlyDictionary<string, FieldColumn> Columns { get; }

    /// <summary>The columns the import does not read.</summary>
    public IReadOnlyList<string> Unused { get; }

    /// <summary>Columns the preset says hold the account's own numbers.</summary>
    public IReadOnlyList<string> OwnNumberColumns { get; }

    /// <summary>What the file's rows must say to be opt-outs, in words (a preset's filters), for the preview.</summary>
    public IReadOnlyList<string> Conditions =>
        [.. _filters.Select(f => $"{AllColumns[f.Index]} is {string.Join(" or ", f.Values)}"),
            .. _keywordIndex >= 0 ? [$"{AllColumns[_keywordIndex]} is an opt-out keyword (STOP, UNSUBSCRIBE, …)"] : Array.Empty<string>()];

    /// <summary>What the preview warns of.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The column of <paramref name="field"/>, or <see langword="null"/>.</summary>
    public string? this[string field] => Columns.GetValueOrDefault(field)?.Column;

    public static string Normalize(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    /// <summary>Parses <c>--map field=Column</c> values.</summary>
    public static Dictionary<string, string> ParseMaps(IEnumerable<string> maps)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var map in maps)
        {
            var equals = map.IndexOf('=', StringComparison.Ordinal);
            var field = equals > 0 ? map[..equals].Trim().ToLowerInvariant() : string.Empty;
            field = field == "timestamp" ? "occurred" : field;
            if (equals <= 0 || equals == map.Length - 1 || !Fields.Contains(field))
            {
                throw new ToolException($"--map '{map}' is not a mapping; expected field=Column with field one of {string.Join(", ", Fields)} (for example --map number=From --map occurred=SentDate).");
            }

            result[field] = map[(equals + 1)..].Trim();
        }

        return result;
    }

    /// <summary>Maps the columns a file has, or explains why it cannot.</summary>
    public static ColumnMap Resolve(IReadOnlyList<string> columns, ImportPreset? preset, IReadOnlyDictionary<string, string> maps, IReadOnlyList<RawRow> sample, string file)
    {
        int IndexOf(string name) => columns.ToList().FindIndex(c => Normalize(c) == Normalize(name));
        string Listed() => string.Join(", ", columns.Select(c => $"'{c}'"));
        var fields = new Dictionary<string, FieldColumn>(StringComparer.Ordinal);
        foreach (var (field, column) in maps)
        {
            var index = IndexOf(column);
            if (index < 0)
            {
                throw new ToolException($"--map {field}={column}: {file} has no column '{column}'; its columns are {Listed()}.");
            }

            fields[field] = new FieldColumn(field, columns[index], index, "--map");
        }

        if (preset is not null)
        {
            foreach (var (field, names) in preset.Columns)
            {
                if (!fields.ContainsKey(field) && names.Select(IndexOf).FirstOrDefault(i => i >= 0, -1) is var index and >= 0)
                {
                    fields[field] = new FieldColumn(field, columns[index], index, "preset " + preset.Name);
                }
            }

            if (!fields.ContainsKey("number"))
            {
                throw new ToolException($"{file} has no column '{preset.Columns["number"][0]}' that preset {preset.Name} reads the number from; its columns are {Listed()}. "
                    + "Name the column with --map number=<column>.");
            }
        }
        else
        {
            Detect(columns, fields, file, Listed);
        }

        var filters = new List<(int, string[], string)>();
        var keyword = -1;
        if (preset is not null)
        {
            foreach (var filter in preset.Filters)
            {
                var index = filter.Columns.Select(IndexOf).FirstOrDefault(i => i >= 0, -1);
                if (index < 0)
                {
                    throw new ToolException($"{file} has no column '{filter.Columns[0]}' that preset {preset.Name} needs to tell opt-outs from other rows; its columns are {Listed()}.");
                }

                filters.Add((index, filter.Values, filter.Reason));
            }

            if (preset.KeywordColumn is { } keywordColumn && (keyword = keywordColumn.Select(IndexOf).FirstOrDefault(i => i >= 0, -1)) < 0)
            {
                throw new ToolException($"{file} has no column '{keywordColumn[0]}' that preset {preset.Name} reads the message text from; its columns are {Listed()}.");
            }
        }

        var own = preset?.OwnNumberColumns.Select(IndexOf).Where(i => i >= 0).Select(i => columns[i]).ToList() ?? [];
        var map = new ColumnMap(columns, fields, filters, keyword, own) { _numbersWithoutPlus = preset?.NumbersWithoutPlus ?? false };
        map.Look(sample, preset);
        return map;
    }

    private static void Detect(IReadOnlyList<string> columns, Dictionary<string, FieldColumn> fields, string file, Func<string> listed)
    {
        if (!fields.ContainsKey("number"))
        {
            var strong = columns.Select((c, i) => (c, i)).Where(c => NumberNames.Contains(Normalize(c.c))).ToList();
            var weak = columns.Select((c, i) => (c, i)).Where(c => DirectionalNumberNames.Contains(Normalize(c.c))).ToList();
            var candidates = strong.Count > 0 ? strong : weak;
            if (candidates.Count == 0)
            {
                throw new ToolException($"{file} has no phone number column: its columns are {listed()}; expected one named number, phone, mobile, msisdn or recipient, "
                    + "or name it with --map number=<column>.");
            }

            if (candidates.Count > 1)
            {
                var recognised = ImportPreset.Recognise(columns);
                throw new ToolException($"{file}: {candidates.Count} columns could hold the numbers that opted out: {string.Join(", ", candidates.Select(c => $"'{c.c}'"))}. "
                    + $"Choose one with --map number=<column>{(recognised is null ? string.Empty : $", or use --preset {recognised.Name} ({recognised.Title})")}; nothing was imported.");
            }

            fields["number"] = new FieldColumn("number", candidates[0].c, candidates[0].i, "detected");
        }

        if (!fields.ContainsKey("occurred"))
        {
            foreach (var name in OccurredNames)
            {
                var index = columns.ToList().FindIndex(c => Normalize(c) == name);
                if (index >= 0 && !fields.Values.Any(f => f.Index == index))
                {
                    fields["occurred"] = new FieldColumn("occurred", columns[index], index, "detected");
                    break;
                }
            }
        }

        foreach (var (field, names) in OtherNames)
        {
            if (fields.ContainsKey(field))
            {
                continue;
            }

            foreach (var name in names)
            {
                var index = columns.ToList().FindIndex(c => Normalize(c) == name);
                if (index >= 0 && !fields.Values.Any(f => f.Index == index))
                {
                    fields[field] = new FieldColumn(field, columns[index], index, "detected");
                    break;
                }
            }
        }
    }

    /// <summary>Looks at the first rows for what the names cannot tell.</summary>
    private void Look(IReadOnlyList<RawRow> sample, ImportPreset? preset)
    {
        var occurred = Columns.GetValueOrDefault("occurred");
        foreach (var column in Unused)
        {
            var index = AllColumns.ToList().IndexOf(column);
            var named = OccurredNames.Contains(Normalize(column));
            var values = sample.Select(r => r.Values[index]).Where(v => v is not null).Cast<string>().ToList();
            var dates = values.Count(v => (named || !v.All(char.IsDigit)) && OptOutRowReader.TryParseTimestamp(v, out _));
            // A value that is the same on every row (Twilio's ApiVersion, 2010-04-01) is a constant, not when anyone opted out.
            var constant = values.Count > 1 && values.Distinct(StringComparer.Ordinal).Count() == 1;
            if (!constant && ((named && values.Count == 0) || (values.Count > 0 && dates * 2 > values.Count)))
            {
                Warnings.Add(occurred is null
                    ? $"the column '{column}' holds dates and is not used: every opt-out would be dated at the import time; --map occurred=\"{column}\" uses it"
                    : $"the column '{column}' holds dates and is not used (the opt-out time is read from '{occurred.Column}'); --map occurred=\"{column}\" uses it instead");
            }
        }

        if (occurred is null && !Warnings.Any(w => w.Contains("holds dates", StringComparison.Ordinal)))
        {
            Warnings.Add("no date column: every opt-out is dated at the import time; name one with --map occurred=<column> if the file has one");
        }

        var number = Columns["number"];
        var numbers = sample.Where(Keeps).Select(r => r.Values[number.Index]).Where(v => v is not null).Select(v => string.Concat(v!.Where(char.IsDigit))).ToList();
        if (numbers.Count >= 3)
        {
            var top = numbers.GroupBy(n => n, StringComparer.Ordinal).OrderByDescending(g => g.Count()).First();
            var distinct = numbers.Distinct(StringComparer.Ordinal).Count();
            if (top.Count() * 2 >= numbers.Count && distinct <= Math.Max(2, numbers.Count / 10))
            {
                Warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the number column '{number.Column}' holds few distinct numbers repeated on most rows (+{top.Key} on {top.Count()} of {numbers.Count}): they look like your own sending numbers, not the people who opted out; choose another column with --map number=<column>"));
            }
            else if (top.Count() >= 3 && top.Count() * 5 >= numbers.Count)
            {
                Warnings.Add(string.Create(CultureInfo.InvariantCulture, $"one number, +{top.Key}, is on {top.Count()} of the {numbers.Count} rows read"));
            }
        }

        if (OwnNumberColumns.Contains(number.Column, StringComparer.Ordinal))
        {
            Warnings.Add($"'{number.Column}' holds the account's own sending numbers in this export ({preset?.Name}); the person who opted out is in '{preset?.Columns["number"][0]}'");
        }

        var direction = AllColumns.ToList().FindIndex(c => Normalize(c) is "direction" or "messagedirection");
        if (direction >= 0)
        {
            var directions = sample.Select(r => r.Values[direction]?.ToLowerInvariant()).Where(v => v is not null).ToList();
            var inbound = directions.Count(d => d!.StartsWith("inbound", StringComparison.Ordinal));
            var side = Normalize(number.Column);
            if (side is "to" or "tonumber" && inbound * 2 > directions.Count)
            {
                Warnings.Add($"most rows are inbound messages, whose '{number.Column}' is your own number: the person who sent STOP is the sender ('From'); use --preset twilio-log or --map number=From");
            }
            else if (side is "from" or "fromnumber" && directions.Count > 0 && inbound * 2 < directions.Count)
            {
                Warnings.Add($"most rows are outbound messages, whose '{number.Column}' is your own number: the person is the recipient ('To')");
            }
        }
    }

    /// <summary>Whether a row passes the preset's conditions (direction, status, keyword); <paramref name="reason"/> says why not.</summary>
    public bool Keeps(RawRow row, out string reason)
    {
        foreach (var (index, values, why) in _filters)
        {
            if (row.Values[index] is not { } value || !values.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                reason = $"{why} ({AllColumns[index]}: {row.Values[index] ?? "empty"})";
                return false;
            }
        }

        if (_keywordIndex >= 0 && (row.Values[_keywordIndex] is not { } text || Keywords.Classify(text).Class != KeywordClass.OptOut))
        {
            reason = $"its text is not an opt-out keyword ({AllColumns[_keywordIndex]}: {Shorten(row.Values[_keywordIndex]) ?? "empty"})";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private bool Keeps(RawRow row) => Keeps(row, out _);

    /// <summary>The row's fields as the import reads them; <see cref="ImportRow.Skip"/> set when the row is not an opt-out.</summary>
    public ImportRow Map(RawRow row)
    {
        string? Field(string field) => Columns.TryGetValue(field, out var column) ? row.Values[column.Index] : null;
        var number = Field("number");
        if (_numbersWithoutPlus && number is { Length: > 0 } digits && digits.All(char.IsAsciiDigit))
        {
            number = "+" + digits;
        }

        if (row.Problem is null && !Keeps(row, out var reason))
        {
            return new ImportRow(row.Line, number, Field("occurred"), Field("source"), Field("list"), Field("note"), Skip: reason, Text: row.Text);
        }

        return new ImportRow(row.Line, number, Field("occurred"), Field("source"), Field("list"), Field("note"), row.Problem, Text: row.Text);
    }

    private static string? Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text;
}
