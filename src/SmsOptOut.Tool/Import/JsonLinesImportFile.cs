using System.Text;
using System.Text.Json;

namespace SmsOptOut.Tool.Import;

/// <summary>A JSON Lines file: one object per line, its properties named as CSV columns would be (strings or numbers).</summary>
internal sealed class JsonLinesImportFile : ImportFile
{
    private readonly StreamReader _text;
    private readonly string _path;
    private readonly ImportPreset? _preset;
    private ColumnMap? _columns;
    private string? _firstLine;
    private long _firstLineNumber;

    public JsonLinesImportFile(FileStream stream, string path, ImportPreset? preset)
        : base(stream)
    {
        _text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        _path = path;
        _preset = preset;
    }

    /// <summary>Detected from the properties of the first object in the file.</summary>
    public override ColumnMap Columns => _columns ??= DetectColumns();

    public override IEnumerable<ImportRow> Rows()
    {
        _ = Columns;
        var line = _firstLineNumber;
        for (var text = _firstLine; text is not null; text = _text.ReadLine(), line++)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return Read(text, line);
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

    private ColumnMap DetectColumns()
    {
        _firstLineNumber = 1;
        for (_firstLine = _text.ReadLine(); _firstLine is not null && string.IsNullOrWhiteSpace(_firstLine); _firstLine = _text.ReadLine())
        {
            _firstLineNumber++;
        }

        var names = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(_firstLine ?? "{}");
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                names.AddRange(document.RootElement.EnumerateObject().Select(p => p.Name));
            }
        }
        catch (JsonException)
        {
            // The first line is malformed: it is refused as a row; the columns come from the preset or the usual names.
            names.AddRange(_preset?.Columns.Values ?? ["number", "timestamp", "source", "list", "note"]);
        }

        return ColumnMap.Detect(names, _preset, _path);
    }

    private ImportRow Read(string text, long line)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new ImportRow(line, null, null, null, null, null, "the line is not a JSON object");
            }

            string? Field(string field)
            {
                if (Columns[field] is not { } name || !document.RootElement.TryGetProperty(name, out var value))
                {
                    return null;
                }

                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
                    JsonValueKind.Number => value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => value.GetRawText(),
                };
            }

            return new ImportRow(line, Field("number"), Field("timestamp"), Field("source"), Field("list"), Field("note"));
        }
        catch (JsonException e)
        {
            return new ImportRow(line, null, null, null, null, null, "the line is not valid JSON: " + e.Message);
        }
    }
}
