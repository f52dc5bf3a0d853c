using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tool.Import;

/// <summary>
/// <c>smsoptout import &lt;file&gt;</c>: opt-outs from a CSV or JSON Lines file (a provider's export), batch by batch,
/// after a preview of how the file is read: the columns used and unused, the first rows as read, and warnings.
/// </summary>
internal static class ImportCommand
{
    private const int ShownRefusals = 20;
    private const int SampledRows = 1_000;
    private const int PreviewRows = 5;

    public static Command Create(GlobalOptions options)
    {
        var file = new Argument<string>("file") { Description = "A CSV (header line first) or JSON Lines file of opt-outs: a number column, and optionally a date, source, list and note." };
        var format = new Option<string?>("--format") { Description = "csv or jsonl; by default from the extension or the first character." };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var preset = new Option<string?>("--preset") { Description = "A provider's export: " + string.Join("; ", ImportPreset.All.Select(p => $"{p.Name} ({p.Title})")) + "." };
        var map = new Option<string[]>("--map")
        {
            Description = "Read a field from a column: --map number=From --map occurred=SentDate (fields: number, occurred, source, list, note). Wins over a preset and detection.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the preview, read and check everything, count what would change; change nothing and create no database file." };
        var strict = new Option<bool>("--strict") { Description = "Refuse the whole file, changing nothing, when any row is bad." };
        var rejects = new Option<string?>("--rejects") { Description = "Write every refused row (line, reason and the row as it stands in the file) to this CSV file." };
        var webhooks = new Option<string>("--webhooks")
        {
            Description = "on: announce each imported opt-out to the account's callback URL; off (default): record them without webhooks, as the provider's list is history the account already holds.",
            DefaultValueFactory = _ => "off",
        };
        webhooks.AcceptOnlyFromAmong("on", "off");
        var createAccount = new Option<bool>("--create-account") { Description = "The account is new: create it with this import (otherwise an account the storage does not hold is refused, as a typo would be)." };
        var command = new Command("import",
            "Import opt-outs (the suppression list of the provider you are leaving). Prints a preview first; applied in atomic batches; running the same file again changes nothing.\n\n"
            + "Examples:\n"
            + "  smsoptout import optouts.csv --storage sqlite:optout.db --account acme --region US --dry-run\n"
            + "  smsoptout import twilio-logs.csv --preset twilio-log --config appsettings.json --account acme\n"
            + "  smsoptout import export.csv --map number=Phone --map occurred=\"Opt-out date\" --account acme --create-account --storage sqlite:optout.db")
        {
            file, format, preset, map, dryRun, strict, rejects, webhooks, createAccount,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("import", result.GetValue(createAccount), cancellationToken).ConfigureAwait(false);
            var newAccount = !await context.IsKnownAsync(account, cancellationToken).ConfigureAwait(false);
            var path = result.GetValue(file)!;
            var chosenPreset = result.GetValue(preset) is { } name ? ImportPreset.Find(name) : null;
            var maps = ColumnMap.ParseMaps(result.GetValue(map) ?? []);
            var fileFormat = result.GetValue(format);
            var isDryRun = result.GetValue(dryRun);
            var announce = result.GetValue(webhooks) == "on";

            ColumnMap columns;
            List<RawRow> sample;
            string formatName;
            using (var first = ImportFile.Open(path, fileFormat))
            {
                sample = [.. first.Rows().Take(SampledRows)];
                columns = ColumnMap.Resolve(first.Columns, chosenPreset, maps, sample, path);
                formatName = first is CsvImportFile csv ? $"csv, separator '{(csv.Separator == '\t' ? "\\t" : csv.Separator.ToString())}'" : "jsonl";
            }

            var reader = new OptOutRowReader(account, context.Region, DateTimeOffset.UtcNow);
            var webhookLine = await WebhookLineAsync(context, account, announce, cancellationToken).ConfigureAwait(false);
            Preview(Console.Error, context, account, newAccount, path, formatName, chosenPreset, columns, sample, reader, webhookLine, isDryRun);
            if (result.GetValue(strict))
            {
                CheckEveryRow(path, fileFormat, columns, reader);
            }

            var rejectsPath = result.GetValue(rejects);
            var rejectsFile = rejectsPath is null ? TextWriter.Null : new StreamWriter(ToolFiles.Create(rejectsPath, "--rejects"));
            try
            {
                using var importFile = ImportFile.Open(path, fileFormat);
                var store = isDryRun && !context.StorageExists ? null : context.Get<ISuppressionStore>();
                var summary = await RunAsync(context, importFile, columns, reader, account, store, rejectsFile, rejectsPath, isDryRun, cancellationToken).ConfigureAwait(false);
                Report(context, new ImportAnswer(Json.Version, account.Value, newAccount, path, importFile.Format, chosenPreset?.Name, isDryRun, announce ? "on" : "off",
                    new ImportColumns(columns["number"]!, columns["occurred"], columns["source"], columns["list"], columns["note"]), columns.Unused, columns.Conditions, columns.Warnings,
                    summary.Read, summary.Applied, summary.AlreadySuppressed, summary.Refused, summary.Skipped, summary.Seconds, summary.RowsPerSecond, summary.PeakMemoryBytes,
                    summary.PeakManagedHeapBytes));
                return summary.Refused > 0 ? ExitCodes.Attention : ExitCodes.Ok;
            }
            finally
            {
                await rejectsFile.DisposeAsync().ConfigureAwait(false);
            }
        }, result => result.GetValue(webhooks) == "on"
            ? null
            : services => services.Replace(ServiceDescriptor.Singleton<IWebhookEndpointProvider, NoWebhookEndpoints>()));
    }

    private static async Task<string> WebhookLineAsync(ToolContext context, AccountId account, bool announce, CancellationToken cancellationToken)
    {
        if (!announce)
        {
            return "off (the default): imported opt-outs are recorded without webhooks to the callback URL; --webhooks on announces each one";
        }

        var endpoint = await context.Get<IWebhookEndpointProvider>().GetEndpointAsync(account, null, cancellationToken).ConfigureAwait(false);
        return endpoint is null
            ? $"on, but account {account} has no callback URL (SmsOptOut:Webhooks:CallbackUrl): none will be sent"
            : $"on: each imported opt-out is announced to {endpoint.Url} (one webhook per applied row)";
    }

    /// <summary>What the run will do, before it does it: on the error stream, so a <c>--json</c> answer stays alone on the output.</summary>
    private static void Preview(TextWriter error, ToolContext context, AccountId account, bool newAccount, string path, string format, ImportPreset? preset, ColumnMap columns,
        List<RawRow> sample, OptOutRowReader reader, string webhooks, bool dryRun)
    {
        error.WriteLine($"{(dryRun ? "dry run: " : string.Empty)}import {path} into account {account}{(newAccount ? " (a new account, created by this import)" : string.Empty)} ({context.StorageName})");
        error.WriteLine($"  format:   {format}{(preset is null ? string.Empty : $"; preset {preset.Name}: {preset.Title} — {preset.Source} ({preset.Basis})")}");
        foreach (var field in ColumnMap.Fields)
        {
            var column = columns.Columns.GetValueOrDefault(field);
            error.WriteLine($"  {field + ":",-9} {(column is null ? "-" : $"{column.Column} ({column.How})")}");
        }

        foreach (var condition in columns.Conditions)
        {
            error.WriteLine($"  only rows where {condition}");
        }

        if (columns.OwnNumberColumns.Count > 0)
        {
            error.WriteLine($"  your own sending numbers: {string.Join(", ", columns.OwnNumberColumns)} (not used)");
        }

        error.WriteLine($"  unused:   {(columns.Unused.Count == 0 ? "none" : string.Join(", ", columns.Unused))}");
        error.WriteLine($"  webhooks: {webhooks}");
        error.WriteLine($"  first rows as read:");
        foreach (var raw in sample.Take(PreviewRows))
        {
            var row = columns.Map(raw);
            var outcome = row.Skip is { } skip ? "skipped: " + skip
                : reader.TryRead(row, out var request, out var problem)
                    ? $"opt-out of {request.Number}{(request.OccurredAt is { } at ? $" at {Spell.Instant(at)}" : " (dated now)")}{(request.List is { } l ? $" from list {l}" : string.Empty)}"
                    : "refused: " + problem;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    line {row.Line}: {outcome}"));
        }

        if (sample.Count == 0)
        {
            error.WriteLine("    (no rows)");
        }

        foreach (var warning in columns.Warnings)
        {
            error.WriteLine("  warning: " + warning);
        }
    }

    private static async Task<ImportSummary> RunAsync(ToolContext context, ImportFile importFile, ColumnMap columns, OptOutRowReader reader, AccountId account, ISuppressionStore? store,
        TextWriter rejectsFile, string? rejectsPath, bool dryRun, CancellationToken cancellationToken)
    {
        rejectsFile.WriteLine("line,reason,row");
        var progress = new ProgressBar(importFile, Console.Error, !Console.IsErrorRedirected && !context.Json);
        var shown = 0;
        var importer = new Importer(context.Get<IOptOutService>(), store, reader, account, columns)
        {
            Refused = (row, reason) =>
            {
                rejectsFile.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Line},{Quote(reason)},{Quote(row.Text ?? string.Empty)}"));
                if (shown++ < ShownRefusals)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {row.Line}: {reason}"));
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

        return summary;
    }

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void CheckEveryRow(string path, string? format, ColumnMap columns, OptOutRowReader reader)
    {
        using var check = ImportFile.Open(path, format);
        foreach (var raw in check.Rows())
        {
            var row = columns.Map(raw);
            if (row.Skip is null && !reader.TryRead(row, out _, out var problem))
            {
                throw new ToolException(string.Create(CultureInfo.InvariantCulture, $"{path} line {row.Line}: {problem}. With --strict nothing was imported."));
            }
        }
    }

    private static void Report(ToolContext context, ImportAnswer answer)
    {
        if (context.Json)
        {
            Json.Write(context.Output, answer);
            return;
        }

        var verb = answer.DryRun ? "would apply" : "applied";
        var skipped = answer.Skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $", skipped {answer.Skipped:N0} (not opt-outs)") : string.Empty;
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(answer.DryRun ? "dry run: " : string.Empty)}read {answer.Read:N0}, {verb} {answer.Applied:N0}, already suppressed {answer.AlreadySuppressed:N0}, refused {answer.Refused:N0}{skipped}"));
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{answer.Seconds:N1} s, {answer.RowsPerSecond:N0} rows/s, peak memory {answer.PeakMemoryBytes / 1048576.0:N0} MB (managed heap {answer.PeakManagedHeapBytes / 1048576.0:N0} MB)"));
        if (answer.Warnings.Count > 0)
        {
            context.Output.WriteLine($"{answer.Warnings.Count} warning(s) in the preview above.");
        }
    }
}
