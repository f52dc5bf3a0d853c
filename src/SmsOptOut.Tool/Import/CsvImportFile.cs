using nietras.SeparatedValues;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Import;

/// <summary>A CSV file (separator detected from the header: comma, semicolon, tab or pipe), read with Sep.</summary>
internal sealed class CsvImportFile : ImportFile
{
    private readonly SepReader _reader;

    public CsvImportFile(FileStream stream, string path)
        : base(stream, path)
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
            _reader.Dispose();
            throw new ToolException($"{path} is empty; expected a header line (a phone number column, and optionally a date, source, list and note) and one opt-out per line.");
        }

        Columns = [.. _reader.Header.ColNames];
        Separator = _reader.Spec.Sep.Separator;
    }

    public override string Format => "csv";

    public override IReadOnlyList<string> Columns { get; }

    public char Separator { get; }

    public override IEnumerable<RawRow> Rows()
    {
        var count = Columns.Count;
        while (_reader.MoveNext())
        {
            var row = _reader.Current;
            var values = new string?[count];
            for (var i = 0; i < count && i < row.ColCount; i++)
            {
                values[i] = row[i].Span.Length > 0 ? row[i].ToString() : null;
            }

            yield return new RawRow(row.LineNumberFrom, values, row.Span.ToString());
        }
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
