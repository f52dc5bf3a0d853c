using System.CommandLine;
using System.Globalization;
using SmsOptOut.OptIn;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Consents;

/// <summary><c>smsoptout consents --expiring &lt;days&gt;</c>: the account's implied consents that lapse soon, for a re-permission campaign.</summary>
internal static class ConsentsCommand
{
    public static Command Create(GlobalOptions options)
    {
        var expiring = new Option<int>("--expiring")
        {
            Description = "List the consents that expire within this many days (1 to 3650).",
            DefaultValueFactory = _ => 30,
        };
        var command = new Command("consents",
            "The account's consents that expire soon — implied consents resting on a purchase, an inquiry or a membership (CASL; the TCPA's established business relationship) — soonest first, so they can be asked again. Express consents do not expire.\n\n"
            + "Example:\n  smsoptout consents --expiring 30 --storage sqlite:optout.db --account acme")
        {
            expiring,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var days = result.GetValue(expiring);
            if (days is < 1 or > 3650)
            {
                throw new ToolException($"--expiring {days.ToString(CultureInfo.InvariantCulture)}: expected a number of days from 1 to 3650.");
            }

            var account = await context.AccountAsync("consents", cancellationToken: cancellationToken).ConfigureAwait(false);
            var records = new List<OptInRecord>();
            await foreach (var record in context.Get<IOptInService>().GetExpiringAsync(account, TimeSpan.FromDays(days), cancellationToken).ConfigureAwait(false))
            {
                records.Add(record);
            }

            if (context.Json)
            {
                Json.Write(context.Output, new ConsentsAnswer(Json.Version, account.Value, days, [.. records.Select(ConsentEntry.Of)]));
                return ExitCodes.Ok;
            }

            context.Output.WriteLine(records.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"no consent in account {account} expires within {days} days.")
                : string.Create(CultureInfo.InvariantCulture, $"{records.Count} consent(s) in account {account} expire within {days} days, soonest first:"));
            foreach (var record in records)
            {
                context.Output.WriteLine($"  {record.Number,-16} {ConsentEntry.Describe(record)}");
            }

            return ExitCodes.Ok;
        });
    }
}

/// <summary>The answer of <c>consents</c> (docs/schemas/v1/consents.schema.json).</summary>
internal sealed record ConsentsAnswer(int Version, string Account, int WithinDays, IReadOnlyList<ConsentEntry> Consents);
