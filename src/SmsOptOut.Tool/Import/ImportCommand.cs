using System.CommandLine;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Import;

/// <summary><c>smsoptout import &lt;file&gt;</c>: opt-outs from a CSV or JSON Lines file (a provider's export), batch by batch.</summary>
internal static class ImportCommand
{
    private const int ShownRefusals = 20;

    public static Command Create(GlobalOptions options)
    {
        var file = new Argument<string>("file") { Description = "A CSV (header line first) or JSON Lines file of opt-outs: number, and optionally timestamp, source, list, note." };
        var format = new Option<string?>("--format") { Description = "csv or jsonl; by default from the extension or the first character." };
        var preset = new Option<string?>("--preset") { Description = "The column names of a provider's export: " + string.Join(", ", ImportPreset.All.Select(p => $"{p.Name} ({p.Documentation})")) + "." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and check everything, count what would change, change nothing." };
        var strict = new Option<bool>("--strict") { Description = "Refuse the whole file, changing nothing, when any row is bad." };
        var rejects = new Option<string?>("--rejects") { Description = "Write every refused row (line, reason) to this CSV file." };
        var command = new Command("import", "Import opt-outs (for example the suppression list exported from the provider you are leaving). Applied in atomic batches; running the same file again changes nothing.")
        {
            file, format, preset, dryRun, strict, rejects,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = context.Account("import");
            var path = result.GetValue(file)!;
            var chosenPreset = result.GetValue(preset) is { } name ? ImportPreset.Find(name) : null;
            var reader = new OptOutRowReader(account, context.Region, DateTimeOffset.UtcNow);
            if (result.GetValue(strict))
            {
                CheckEveryRow(path, result.GetValue(format), chosenPreset, reader);
            }

            using var importFile = ImportFile.Open(path, result.GetValue(format)?.ToLowerInvariant(), chosenPreset);
            var rejectsPath = result.GetValue(rejects);
            var rejectsFile = rejectsPath is null ? TextWriter.Null : new StreamWriter(rejectsPath);
            try
            {
                return await RunAsync(context, importFile, reader, account, rejectsFile, rejectsPath, result.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await rejectsFile.DisposeAsync().ConfigureAwait(false);
            }
        });
    }

    private static async Task<int> RunAsync(ToolContext context, ImportFile importFile, OptOutRowReader reader, Consent.AccountId account, TextWriter rejectsFile, string? rejectsPath,
        bool dryRun, CancellationToken cancellationToken)
    {
            rejectsFile.WriteLine("line,reason");
            var progress = new ProgressBar(importFile, Console.Error, !Console.IsErrorRedirected && !context.Json);
            var shown = 0;
            var importer = new Importer(context.Get<IOptOutService>(), context.Get<ISuppressionStore>(), reader, account)
            {
                Refused = (line, reason) =>
                {
                    rejectsFile.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line},\"{reason.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
                    if (shown++ < ShownRefusals)
                    {
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {line}: {reason}"));
                    }
                },
                Progress = progress.Report,
            };
            var summary = await importer.RunAsync(importFile, dryRun, cancellationToken).ConfigureAwait(false);
            progress.Done();
            if (summary.Refused > ShownRefusals)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"… and {summary.Refused - ShownRefusals:N0} more refused rows{(rejectsPath is null ? " (--rejects <file> lists them all)" : $" (all in {rejectsPath})")}"));
            }

            Report(context, summary);
            return summary.Refused > 0 ? ExitCodes.Attention : ExitCodes.Ok;
    }

    private static void CheckEveryRow(string path, string? format, ImportPreset? preset, OptOutRowReader reader)
    {
        using var check = ImportFile.Open(path, format?.ToLowerInvariant(), preset);
        foreach (var row in check.Rows())
        {
            if (!reader.TryRead(row, out _, out var problem))
            {
                throw new ToolException(string.Create(CultureInfo.InvariantCulture, $"{path} line {row.Line}: {problem}. With --strict nothing was imported."));
            }
        }
    }

    private static void Report(ToolContext context, ImportSummary summary)
    {
        if (context.Json)
        {
            Json.Write(context.Output, summary);
            return;
        }

        var verb = summary.DryRun ? "would apply" : "applied";
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(summary.DryRun ? "dry run: " : string.Empty)}read {summary.Read:N0}, {verb} {summary.Applied:N0}, already suppressed {summary.AlreadySuppressed:N0}, refused {summary.Refused:N0}"));
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Seconds:N1} s, {summary.RowsPerSecond:N0} rows/s, peak memory {summary.PeakMemoryBytes / 1048576.0:N0} MB (managed heap {summary.PeakManagedHeapBytes / 1048576.0:N0} MB)"));
    }
}
