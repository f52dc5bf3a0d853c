using System.CommandLine;
using SmsOptOut.Reports;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Export;

/// <summary><c>smsoptout export</c>: the consent log of an account as CSV or JSON Lines, to a file or the standard output.</summary>
internal static class ExportCommand
{
    public static Command Create(GlobalOptions options)
    {
        var format = new Option<string>("--format") { Description = "csv or jsonl.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only events recorded after this instant (ISO 8601)." };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Only events recorded at or before this instant (ISO 8601)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of the standard output." };
        var command = new Command("export", "Export the consent log of an account (every opt-out and opt-in, with evidence) as CSV or JSON Lines.") { format, since, until, output };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = context.Account("export");
            var from = result.GetValue(since) ?? DateTimeOffset.UnixEpoch;
            var to = result.GetValue(until) ?? DateTimeOffset.UtcNow.AddDays(1);
            if (to < from)
            {
                throw new ToolException($"--until {to:O} is before --since {from:O}; expected a period that ends after it starts.");
            }

            var path = result.GetValue(output);
            var exporter = context.Get<IConsentExporter>();
            var destination = path is null ? Console.OpenStandardOutput() : File.Create(path);
            long rows;
            await using (destination.ConfigureAwait(false))
            {
                rows = result.GetValue(format) == "jsonl"
                    ? await exporter.WriteJsonLinesAsync(account, from, to, destination, cancellationToken).ConfigureAwait(false)
                    : await exporter.WriteCsvAsync(account, from, to, destination, cancellationToken).ConfigureAwait(false);
            }

            if (path is not null)
            {
                context.Output.WriteLine($"exported {rows:N0} events of account {account} to {path}");
            }

            return ExitCodes.Ok;
        });
    }
}
