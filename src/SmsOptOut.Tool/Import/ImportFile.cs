using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Import;

/// <summary>One row of an import file as it stands in the file: its line, its values by column, and its text (kept for the rejects file).</summary>
/// <param name="Line">The row's line number (a CSV header is line 1).</param>
/// <param name="Values">The values in <see cref="ImportFile.Columns"/> order; <see langword="null"/> where empty or absent.</param>
/// <param name="Text">The row as written in the file.</param>
/// <param name="Problem">Why the row could not be read at all (malformed JSON), or <see langword="null"/>.</param>
internal sealed record RawRow(long Line, string?[] Values, string Text, string? Problem = null);

/// <summary>An import file being read: its columns, its rows, and how far the reading has come (for the progress bar).</summary>
internal abstract class ImportFile : IDisposable
{
    private readonly FileStream _stream;

    protected ImportFile(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    public string Path { get; }

    /// <summary><c>csv</c> or <c>jsonl</c>.</summary>
    public abstract string Format { get; }

    /// <summary>The column names: the CSV header, or the properties of the first JSON objects in order of appearance.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>The file's size in bytes.</summary>
    public long Length => _stream.Length;

    /// <summary>The bytes read so far (the reader's buffer runs a little ahead of the rows).</summary>
    public long Position => _stream.Position;

    /// <summary>Opens a CSV or JSON Lines file: <paramref name="format"/> when given, else by its extension or first character.</summary>
    public static ImportFile Open(string path, string? format)
    {
        if (Directory.Exists(path))
        {
            throw new ToolException($"{path} is a folder; expected a CSV or JSON Lines file of opt-outs.");
        }

        if (!File.Exists(path))
        {
            throw new ToolException($"{path}: no such file; expected a CSV or JSON Lines file of opt-outs.");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"{path} cannot be read: {e.Message}");
        }

        try
        {
            return (format ?? Detect(path, stream)) switch
            {
                "csv" => new CsvImportFile(stream, path),
                "jsonl" => new JsonLinesImportFile(stream, path),
                _ => throw new ToolException($"--format '{format}' is not a format; expected csv or jsonl."),
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public abstract IEnumerable<RawRow> Rows();

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
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
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
