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
            "Erase a person: their consent log, webhooks, link tokens and reply records go; their suppressions stay, under a pseudonym, so they are never messaged again. Every account, or one with --account.")
        {
            number, requestId, reason,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var phone = context.Number(result.GetValue(number)!);
            var id = result.GetValue(requestId) ?? "cli-" + Guid.NewGuid().ToString("N")[..12];
            var erased = await context.Get<IDataSubjectService>().EraseAsync(
                new ErasureRequest(phone, id, result.GetValue(reason)!) { Account = context.OptionalAccount("erase") }, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                Json.Write(context.Output, new EraseAnswer(id, erased.Found, erased.Records));
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
        var command = new Command("access", "Everything held of a person in one account (their access request), as a JSON report.") { number, output };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = context.Account("access");
            var phone = context.Number(result.GetValue(number)!);
            var path = result.GetValue(output);
            var destination = path is null ? Console.OpenStandardOutput() : File.Create(path);
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
