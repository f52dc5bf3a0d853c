using System.CommandLine;
using System.Globalization;
using SmsOptOut.Privacy;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Privacy;

/// <summary><c>smsoptout erase &lt;number&gt;</c> and <c>smsoptout access &lt;number&gt;</c>: a person's data-protection requests.</summary>
internal static class PrivacyCommands
{
    public static Command Erase(GlobalOptions options)
    {
        var number = new Argument<string>("number") { Description = "The person's number." };
        var requestId = new Option<string?>("--request-id") { Description = "Your reference for the request (a ticket number); recorded with the erasure." };
        var reason = new Option<string>("--reason") { Description = "Why, recorded with the erasure.", DefaultValueFactory = _ => "erasure requested by the data subject" };
        var command = new Command("erase",
            "Erase a person: their consent log, webhooks, link tokens and reply records go; their suppressions stay, under a pseudonym, so they are never messaged again. Every account, or one with --account. "
            + "Needs a pseudonym key (SmsOptOut:DataProtection:PseudonymKeys:0:Secret, or the environment variable SmsOptOut__DataProtection__PseudonymKeys__0__Secret).\n\n"
            + "Example:\n  smsoptout erase +12125550100 --config appsettings.json --request-id ticket-77")
        {
            number, requestId, reason,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var phone = context.Number(result.GetValue(number)!);
            var id = result.GetValue(requestId) ?? "cli-" + Guid.NewGuid().ToString("N")[..12];
            var erased = await context.Get<IDataSubjectService>().EraseAsync(
                new ErasureRequest(phone, id, result.GetValue(reason)!) { Account = await context.OptionalAccountAsync("erase", cancellationToken).ConfigureAwait(false) },
                cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                Json.Write(context.Output, new EraseAnswer(Json.Version, id, erased.Found, [.. erased.Records.Select(ErasedEntry.Of)]));
                return ExitCodes.Ok;
            }

            context.Output.WriteLine(erased.Found
                ? $"erased {phone.ToMaskedString()} (request {id}); it stays suppressed where it was:"
                : $"nothing held of {phone.ToMaskedString()}; nothing erased (request {id}).");
            foreach (var r in erased.Records)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  account {r.Account}: {r.Events} events, {r.Suppressions} suppressions kept under a pseudonym, {r.Tokens} link tokens, {r.Webhooks} webhooks, {r.Replies} reply records"));
            }

            return ExitCodes.Ok;
        });
    }

    public static Command Access(GlobalOptions options)
    {
        var number = new Argument<string>("number") { Description = "The person's number." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report (JSON) to this file instead of the standard output." };
        var command = new Command("access",
            "Everything held of a person in one account (their access request), as a JSON report (the library's access report; --json changes nothing).\n\n"
            + "Example:\n  smsoptout access +12125550100 --storage sqlite:optout.db --account acme -o person.json") { number, output };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("access", cancellationToken: cancellationToken).ConfigureAwait(false);
            var phone = context.Number(result.GetValue(number)!);
            var path = result.GetValue(output);
            var destination = path is null ? Console.OpenStandardOutput() : ToolFiles.Create(path, "--output");
            await using (destination.ConfigureAwait(false))
            {
                await context.Get<IDataSubjectService>().WriteAccessReportAsync(account, phone, destination, cancellationToken).ConfigureAwait(false);
            }

            if (path is not null)
            {
                context.Output.WriteLine($"wrote the access report of {phone.ToMaskedString()} in account {account} to {path}");
            }

            return ExitCodes.Ok;
        });
    }
}
