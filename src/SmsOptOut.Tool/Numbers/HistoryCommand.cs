using System.CommandLine;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Numbers;

/// <summary><c>smsoptout history &lt;number&gt;</c>: the consent log of one number, oldest first, with its evidence.</summary>
internal static class HistoryCommand
{
    public static Command Create(GlobalOptions options)
    {
        var number = new Argument<string>("number") { Description = "The number, international or national with --region." };
        var command = new Command("history", "The consent log of one number (opt-outs and opt-ins, oldest first) with the evidence of each.") { number };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = context.Account("history");
            var phone = context.Number(result.GetValue(number)!);
            var entries = new List<HistoryEntry>();
            await foreach (var e in context.Get<ISuppressionStore>().GetHistoryAsync(account, phone, cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new HistoryEntry(e.OccurredAt, e.RecordedAt, Describe.Kind(e.Kind), e.List?.Value, Describe.Source(e.Source), e.EventId, Evidence(e.Evidence)));
            }

            if (context.Json)
            {
                Json.Write(context.Output, entries);
                return ExitCodes.Ok;
            }

            context.Output.WriteLine(entries.Count == 0
                ? $"{phone} has no consent events in account {account}."
                : $"{phone} in account {account}: {entries.Count} consent event(s)");
            foreach (var e in entries)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {e.OccurredAt:yyyy-MM-dd HH:mm:ss} UTC  {e.Kind,-7}  {(e.List is null ? "account-wide" : "list " + e.List),-20}  {e.Source,-15}  {e.EventId}"));
                foreach (var (name, value) in e.Evidence)
                {
                    context.Output.WriteLine($"      {name}: {value}");
                }
            }

            return ExitCodes.Ok;
        });
    }

    private static Dictionary<string, string> Evidence(ConsentEvidence evidence)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                fields[name] = value;
            }
        }

        Add("message", evidence.MessageText);
        Add("provider", evidence.ProviderName);
        Add("providerMessageId", evidence.ProviderMessageId);
        Add("providerErrorCode", evidence.ProviderErrorCode);
        Add("linkToken", evidence.LinkToken);
        Add("ipAddress", evidence.IpAddress);
        Add("userAgent", evidence.UserAgent);
        Add("note", evidence.Note);
        return fields;
    }
}
