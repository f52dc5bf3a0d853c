using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Import;

/// <summary>An import file being read: its columns, its rows, and how far the reading has come (for the progress bar).</summary>
internal abstract class ImportFile : IDisposable
{
    private readonly FileStream _stream;

    protected ImportFile(FileStream stream) => _stream = stream;

    public abstract ColumnMap Columns { get; }

    /// <summary>The file's size in bytes.</summary>
    public long Length => _stream.Length;

    /// <summary>The bytes read so far (the reader's buffer runs a little ahead of the rows).</summary>
    public long Position => _stream.Position;

    /// <summary>Opens a CSV or JSON Lines file: <paramref name="format"/> when given, else by its extension or first character.</summary>
    public static ImportFile Open(string path, string? format, ImportPreset? preset)
    {
        if (!File.Exists(path))
        {
            throw new ToolException($"{path}: no such file; expected a CSV or JSON Lines file of opt-outs.");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return (format ?? Detect(path, stream)) switch
            {
                "csv" => new CsvImportFile(stream, path, preset),
                "jsonl" => new JsonLinesImportFile(stream, path, preset),
                _ => throw new ToolException($"--format '{format}' is not a format; expected csv or jsonl."),
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public abstract IEnumerable<ImportRow> Rows();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
        }
    }

    private static string Detect(string path, FileStream stream)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".jsonl" or ".ndjson")
        {
            return "jsonl";
        }

        if (extension is ".csv" or ".tsv" or ".txt")
        {
            return "csv";
        }

        var first = stream.ReadByte();
        while (first is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
        {
            first = stream.ReadByte();
        }

        stream.Position = 0;
        return first == '{' ? "jsonl" : "csv";
    }
}
