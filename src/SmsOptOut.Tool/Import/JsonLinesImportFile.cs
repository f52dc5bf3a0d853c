using System.Text;
using System.Text.Json;

namespace SmsOptOut.Tool.Import;

/// <summary>A JSON Lines file: one object per line, its properties named as CSV columns would be (strings or numbers).</summary>
internal sealed class JsonLinesImportFile : ImportFile
{
    /// <summary>How many lines the columns are gathered from (a property absent from the first objects may still appear later).</summary>
    private const int ScannedLines = 200;

    private readonly StreamReader _text;
    private readonly List<(long Line, string Text)> _buffered = [];
    private readonly List<string> _columns = [];

    public JsonLinesImportFile(FileStream stream, string path)
        : base(stream, path)
    {
        _text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        long line = 0;
        for (var text = _text.ReadLine(); text is not null; text = _text.ReadLine())
        {
            line++;
            _buffered.Add((line, text));
            if (!string.IsNullOrWhiteSpace(text))
            {
                AddColumns(text);
            }

            if (_buffered.Count >= ScannedLines)
            {
                break;
            }
        }

        NextLine = line;
    }

    private long NextLine { get; set; }

    public override string Format => "jsonl";

    public override IReadOnlyList<string> Columns => _columns;

    public override IEnumerable<RawRow> Rows()
    {
        foreach (var (line, text) in _buffered)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return Read(text, line);
            }
        }

        var number = NextLine;
        for (var text = _text.ReadLine(); text is not null; text = _text.ReadLine())
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return Read(text, number);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _text.Dispose();
        }

        base.Dispose(disposing);
    }

    private void AddColumns(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!_columns.Contains(property.Name, StringComparer.Ordinal))
                    {
                        _columns.Add(property.Name);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A malformed line is refused as a row; it names no columns.
        }
    }

    private RawRow Read(string text, long line)
    {
        var values = new string?[_columns.Count];
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new RawRow(line, values, text, "the line is not a JSON object");
            }

            for (var i = 0; i < _columns.Count; i++)
            {
                if (document.RootElement.TryGetProperty(_columns[i], out var value))
                {
                    values[i] = value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
                        JsonValueKind.Null => null,
                        _ => value.GetRawText(),
                    };
                }
            }

            return new RawRow(line, values, text);
        }
        catch (JsonException e)
        {
            return new RawRow(line, values, text, "the line is not valid JSON: " + e.Message);
        }
    }
}
