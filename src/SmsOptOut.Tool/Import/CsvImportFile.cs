using nietras.SeparatedValues;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Import;

/// <summary>A CSV file (separator detected from the header: comma, semicolon, tab or pipe), read with Sep.</summary>
internal sealed class CsvImportFile : ImportFile
{
    private readonly SepReader _reader;
    private readonly int[] _indexes;

    public CsvImportFile(FileStream stream, string path, ImportPreset? preset)
        : base(stream)
    {
        try
        {
            _reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).From(stream);
        }
        catch (InvalidDataException e)
        {
            throw new ToolException($"{path} is not a CSV file: {e.Message}");
        }

        if (_reader.Header.IsEmpty)
        {
            throw new ToolException($"{path} is empty; expected a header line (number, timestamp, source, list, note) and one opt-out per line.");
        }

        Columns = ColumnMap.Detect(_reader.Header.ColNames.ToList(), preset, path);
        _indexes = [.. Fields.Select(f => Columns[f] is { } name ? _reader.Header.IndexOf(name) : -1)];
    }

    public override ColumnMap Columns { get; }

    private static string[] Fields => ["number", "timestamp", "source", "list", "note"];

    public override IEnumerable<ImportRow> Rows()
    {
        while (_reader.MoveNext())
        {
            yield return Read(_reader.Current, _indexes);
        }
    }

    private static ImportRow Read(SepReader.Row row, int[] indexes)
    {
        var fields = new string?[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            fields[i] = indexes[i] >= 0 && indexes[i] < row.ColCount && row[indexes[i]].Span.Length > 0 ? row[indexes[i]].ToString() : null;
        }

        return new ImportRow(row.LineNumberFrom, fields[0], fields[1], fields[2], fields[3], fields[4]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }
}
