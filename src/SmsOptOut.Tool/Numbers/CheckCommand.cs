using System.CommandLine;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Privacy;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Numbers;

/// <summary><c>smsoptout check &lt;number&gt;</c>: is the number suppressed, in which scopes, since when, by which source. Exit code 1 when it may not be messaged.</summary>
internal static class CheckCommand
{
    public static Command Create(GlobalOptions options)
    {
        var number = new Argument<string>("number") { Description = "The number, international (+1 212 555 0100) or national with --region (or SmsOptOut:DefaultRegion in --config)." };
        var list = new Option<string?>("--list") { Description = "Also answer for messages sent to this list." };
        var command = new Command("check",
            "Whether a number is suppressed, in which scopes, since when and by which source. Exit code 0: may be messaged; 1: suppressed; 2: an unknown account or a bad number.\n\n"
            + "Examples:\n  smsoptout check +12125550100 --storage sqlite:optout.db --account acme\n  smsoptout check \"(212) 555-0100\" --config appsettings.json --account acme --json")
        {
            number, list,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("check", cancellationToken: cancellationToken).ConfigureAwait(false);
            var phone = context.Number(result.GetValue(number)!);
            ListId? listId = result.GetValue(list) is { } l ? new ListId(l) : null;
            var scopes = await context.Get<IDataSubjectStore>().GetSuppressionsAsync(account, phone, cancellationToken).ConfigureAwait(false);
            var suppressed = await context.Get<ISuppressionStore>().IsSuppressedAsync(account, phone, listId, cancellationToken).ConfigureAwait(false);
            var erased = suppressed && !scopes.Any(s => s.List is null || s.List == listId);
            var registry = context.Services.GetService(typeof(IDoNotCallRegistryStore)) is IDoNotCallRegistryStore dnc
                && await dnc.FilterAsync(account, new[] { phone }, new bool[1], cancellationToken).ConfigureAwait(false) > 0;
            var answer = new CheckAnswer(Json.Version, account.Value, phone.ToString(), listId?.Value, suppressed || registry,
                [.. scopes.Select(s => new ScopeEntry(s.List is null ? "account" : "list", s.List?.Value, Spell.Instant(s.Since), Spell.Source(s.Source), s.EventId,
                    s.PausedUntil is { } until ? Spell.Instant(until) : null))], erased, registry);
            Write(context, answer, scopes);
            return answer.Suppressed ? ExitCodes.Attention : ExitCodes.Ok;
        });
    }

    private static void Write(ToolContext context, CheckAnswer answer, IReadOnlyList<SuppressedNumber> scopes)
    {
        if (context.Json)
        {
            Json.Write(context.Output, answer);
            return;
        }

        var output = context.Output;
        var where = answer.List is null ? "account-wide" : $"for list {answer.List}";
        output.WriteLine(answer.Suppressed
            ? $"{answer.Number} is SUPPRESSED {where} in account {answer.Account}: do not message it."
            : $"{answer.Number} is not suppressed {where} in account {answer.Account}: it may be messaged.");
        foreach (var scope in scopes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(scope.List is not null ? "list " + scope.List : scope.PausedUntil is { } until ? $"paused until {until:yyyy-MM-dd HH:mm} UTC" : "all messages"),-24} since {scope.Since:yyyy-MM-dd HH:mm} UTC  by {Describe.Source(scope.Source),-16} event {scope.EventId}"));
        }

        if (answer.ErasedSuppression)
        {
            output.WriteLine("  erased on request: its history is gone, and it stays suppressed under a pseudonym.");
        }

        if (answer.OnDoNotCallRegistry)
        {
            output.WriteLine("  on the Do-Not-Call registry imported for this account (or the global one).");
        }
    }
}
