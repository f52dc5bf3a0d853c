using System.CommandLine;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.OptIn;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Tool.Consents;

namespace SmsOptOut.Tool.Numbers;

/// <summary><c>smsoptout history &lt;number&gt;</c>: the consent log of one number, oldest first, with its evidence.</summary>
internal static class HistoryCommand
{
    public static Command Create(GlobalOptions options)
    {
        var number = new Argument<string>("number") { Description = "The number, international or national with --region." };
        var command = new Command("history",
            "The consent log of one number (opt-outs and opt-ins, oldest first) with the evidence of each: when it occurred and when SmsOptOut recorded it; and its recorded consent, with what it rests on and when it expires.\n\n"
            + "Example:\n  smsoptout history +12125550100 --storage sqlite:optout.db --account acme")
        {
            number,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("history", cancellationToken: cancellationToken).ConfigureAwait(false);
            var phone = context.Number(result.GetValue(number)!);
            var events = new List<ConsentEvent>();
            await foreach (var e in context.Get<ISuppressionStore>().GetHistoryAsync(account, phone, cancellationToken).ConfigureAwait(false))
            {
                events.Add(e);
            }

            var consent = context.Services.GetService(typeof(IOptInStore)) is IOptInStore optIns
                ? await optIns.GetAsync(account, phone, cancellationToken).ConfigureAwait(false)
                : null;
            if (consent is { Level: OptInLevel.None })
            {
                consent = null;
            }

            if (context.Json)
            {
                Json.Write(context.Output, new HistoryAnswer(Json.Version, account.Value, phone.ToString(), [.. events.Select(EventEntry.Of)],
                    consent is null ? null : ConsentEntry.Of(consent)));
                return ExitCodes.Ok;
            }

            context.Output.WriteLine(events.Count == 0
                ? $"{phone} has no consent events in account {account}."
                : $"{phone} in account {account}: {events.Count} consent event(s)");
            if (consent is not null)
            {
                context.Output.WriteLine($"  consent: {ConsentEntry.Describe(consent)}");
            }

            foreach (var e in events)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {e.OccurredAt:yyyy-MM-dd HH:mm:ss} UTC  {Describe.Change(e),-7}  {(e.List is null ? "account-wide" : "list " + e.List),-20}  {Describe.Source(e.Source),-15}  {e.EventId}"));
                if (e.PausedUntil is { } until)
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      paused until: {until:yyyy-MM-dd HH:mm:ss} UTC"));
                }

                if (e.RecordedAt - e.OccurredAt > TimeSpan.FromMinutes(1))
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      recorded: {e.RecordedAt:yyyy-MM-dd HH:mm:ss} UTC"));
                }

                foreach (var (name, value) in Evidence(e.Evidence))
                {
                    context.Output.WriteLine($"      {name}: {value}");
                }
            }

            return ExitCodes.Ok;
        });
    }

    private static IEnumerable<(string Name, string Value)> Evidence(ConsentEvidence evidence)
    {
        (string, string?)[] fields =
        [
            ("message", evidence.MessageText), ("provider", evidence.ProviderName), ("provider message id", evidence.ProviderMessageId),
            ("provider error code", evidence.ProviderErrorCode), ("link token", evidence.LinkToken), ("ip address", evidence.IpAddress), ("user agent", evidence.UserAgent),
            ("note", evidence.Note),
        ];
        return fields.Where(f => !string.IsNullOrEmpty(f.Item2)).Select(f => (f.Item1, f.Item2!));
    }
}
