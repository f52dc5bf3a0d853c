using System.CommandLine;
using System.Globalization;
using System.Text;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Tool.Numbers;

namespace SmsOptOut.Tool.Export;

/// <summary>
/// <c>smsoptout export</c>: the consent log of an account as CSV or JSON Lines (docs/schemas/v1/event.schema.json),
/// evidence included, to a file or the standard output; the period by recorded time (default) or occurred time.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The CSV columns: the JSON Lines keys, the evidence flattened.</summary>
    public const string CsvHeader =
        "event_id,account,kind,number,timestamp,recorded_at,source,scope,list,campaign,message_text,note,provider,provider_message_id,provider_error_code,link_token,ip_address,user_agent";

    /// <summary>How much earlier than it occurred an event may have been recorded and still be found by <c>--by occurred</c>.</summary>
    private static readonly TimeSpan OccurrenceSlack = TimeSpan.FromDays(1);

    public static Command Create(GlobalOptions options)
    {
        var format = new Option<string>("--format") { Description = "csv (default) or jsonl (one JSON object per event).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var since = new Option<string?>("--since") { Description = "Only events after this instant: " + TimeArgument.Accepted + "." };
        var until = new Option<string?>("--until") { Description = "Only events at or before this instant (same formats)." };
        var by = TimeBasis.Option("Which time --since and --until compare");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of the standard output." };
        var command = new Command("export",
            "Export the consent log of an account (every opt-out and opt-in, with its evidence: message text, note, provider, link, IP) as CSV or JSON Lines, oldest recorded first.\n\n"
            + "Examples:\n  smsoptout export --storage sqlite:optout.db --account acme --since 2026-11-01 -o acme-november.csv\n"
            + "  smsoptout export --config appsettings.json --account acme --format jsonl --since 7d --by occurred")
        {
            format, since, until, by, output,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            if (context.Json)
            {
                throw new ToolException("export has no --json answer: its output is the export itself; for JSON use --format jsonl (one JSON object per event, docs/schemas/v1/event.schema.json).");
            }

            var account = await context.AccountAsync("export", cancellationToken: cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            var from = TimeArgument.Parse(result.GetValue(since), "--since", now) ?? DateTimeOffset.UnixEpoch;
            var to = TimeArgument.Parse(result.GetValue(until), "--until", now) ?? now.AddDays(1);
            if (to < from)
            {
                throw new ToolException($"--until {Spell.Instant(to)} is before --since {Spell.Instant(from)}; expected a period that ends after it starts.");
            }

            var basis = TimeBasis.Parse(result.GetValue(by));
            var path = result.GetValue(output);
            var destination = path is null ? Console.OpenStandardOutput() : ToolFiles.Create(path, "--output");
            long rows = 0;
            var jsonl = result.GetValue(format) == "jsonl";
            await using (destination.ConfigureAwait(false))
            {
                var writer = new StreamWriter(destination, new UTF8Encoding(false), 1 << 16);
                await using (writer.ConfigureAwait(false))
                {
                    if (!jsonl)
                    {
                        await writer.WriteAsync(CsvHeader + "\r\n").ConfigureAwait(false);
                    }

                    var store = context.Get<ISuppressionStore>();
                    var (after, through) = basis == Reports.ConsentTimeBasis.Recorded ? (from, to) : (from - OccurrenceSlack, (to > now ? to : now) + OccurrenceSlack);
                    await foreach (var e in store.GetEventsAsync(account, after, through, cancellationToken).ConfigureAwait(false))
                    {
                        if (basis == Reports.ConsentTimeBasis.Occurred && (e.OccurredAt <= from || e.OccurredAt > to))
                        {
                            continue;
                        }

                        var entry = EventEntry.Of(e);
                        await writer.WriteAsync(jsonl ? Json.Line(entry) + "\n" : Csv(entry)).ConfigureAwait(false);
                        rows++;
                    }
                }
            }

            if (path is not null)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"exported {rows:N0} events of account {account} ({TimeBasis.Name(basis)} time, {Spell.Instant(from)} to {Spell.Instant(to)}) to {path}"));
            }

            return ExitCodes.Ok;
        });
    }

    private static string Csv(EventEntry e)
    {
        var v = e.Evidence;
        string?[] fields =
        [
            e.EventId, e.Account, e.Kind, e.Number, e.Timestamp, e.RecordedAt, e.Source, e.Scope, e.List, e.Campaign,
            v.MessageText, v.Note, v.Provider, v.ProviderMessageId, v.ProviderErrorCode, v.LinkToken, v.IpAddress, v.UserAgent,
        ];
        return string.Join(',', fields.Select(Escape)) + "\r\n";
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted.</summary>
    private static string Escape(string? field) =>
        field is null ? string.Empty
        : field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field
        : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
