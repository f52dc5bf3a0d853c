namespace SmsOptOut.Tool.Import;

/// <summary>The answer of <c>import</c> (docs/schemas/v1/import.schema.json): the preview's mapping and warnings, and the counts.</summary>
internal sealed record ImportAnswer(
    int Version,
    string Account,
    bool NewAccount,
    string File,
    string Format,
    string? Preset,
    bool DryRun,
    string Webhooks,
    ImportColumns Columns,
    IReadOnlyList<string> UnusedColumns,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> Warnings,
    long Read,
    long Applied,
    long AlreadySuppressed,
    long Refused,
    long Skipped,
    double Seconds,
    double RowsPerSecond,
    long PeakMemoryBytes,
    long PeakManagedHeapBytes);

/// <summary>The column each field is read from; null when the file has none for it.</summary>
internal sealed record ImportColumns(string Number, string? Occurred, string? Source, string? List, string? Note);
