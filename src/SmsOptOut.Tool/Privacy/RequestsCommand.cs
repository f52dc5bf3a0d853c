using System.CommandLine;
using System.Globalization;
using SmsOptOut.Privacy;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Privacy;

/// <summary>
/// <c>smsoptout requests [add | extend | close]</c>: people's access, erasure and objection requests with their
/// deadlines. The listing exits with 1 when one is overdue, so a scheduled run can alert.
/// </summary>
internal static class RequestsCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("requests",
            "The open data-subject requests (access, erasure, objection), soonest deadline first, overdue ones marked; every account, or --account's and those that concern every account. "
            + "Exit code 1 when any is overdue, so a scheduled run can alert. Deadlines: GDPR and UK GDPR one month, CCPA 45 days, PIPEDA and Québec 30 days (docs/compliance.md).\n\n"
            + "Examples:\n  smsoptout requests --config appsettings.json\n"
            + "  smsoptout requests add --reference ticket-4711 --kind erasure --law gdpr --received 2026-12-01 --config appsettings.json\n"
            + "  smsoptout requests close --reference ticket-4711 --resolution \"access report sent by e-mail\" --config appsettings.json")
        {
            Add(options), Extend(options), Close(options),
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var now = context.Get<TimeProvider>().GetUtcNow();
            var account = await context.OptionalAccountAsync("requests", cancellationToken).ConfigureAwait(false);
            var open = new List<DataSubjectRequestRecord>();
            if (context.StorageExists)
            {
                await foreach (var request in context.Get<IDataSubjectService>().GetOpenRequestsAsync(account, cancellationToken).ConfigureAwait(false))
                {
                    open.Add(request);
                }
            }

            var overdue = open.Count(r => r.IsOverdue(now));
            if (context.Json)
            {
                Json.Write(context.Output, new RequestsAnswer(Json.Version, account?.Value, Spell.Instant(now), open.Count, overdue, [.. open.Select(r => RequestEntry.Of(r, now))]));
                return overdue > 0 ? ExitCodes.Attention : ExitCodes.Ok;
            }

            context.Output.WriteLine(open.Count == 0
                ? "no open request" + (account is null ? "." : $" for account {account}.")
                : string.Create(CultureInfo.InvariantCulture, $"{open.Count} open request(s){(account is null ? string.Empty : $" for account {account}")}, {overdue} overdue, soonest deadline first:"));
            foreach (var request in open)
            {
                context.Output.WriteLine("  " + Describe(request, now));
            }

            return overdue > 0 ? ExitCodes.Attention : ExitCodes.Ok;
        });
    }

    private static Command Add(GlobalOptions options)
    {
        var reference = Reference("Your reference for the request (a ticket id), unique; no phone number.");
        var kind = new Option<string>("--kind") { Description = $"What the person asked for: {RequestSpelling.Kinds}.", Required = true };
        var law = new Option<string>("--law") { Description = $"The law it is answered under, which sets the deadline: {RequestSpelling.Laws}.", Required = true };
        var received = new Option<string?>("--received") { Description = $"When it arrived (default now); the deadline runs from here: {TimeArgument.Accepted}." };
        var number = new Option<string?>("--number") { Description = "The person's number, to refuse a reference that contains it; not stored." };
        var command = new Command("add", "Record a request with its due date, for every account or for --account's.\n\n"
            + "Example:\n  smsoptout requests add --reference ticket-4711 --kind access --law ccpa --received 3d --storage sqlite:optout.db")
        {
            reference, kind, law, received, number,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var now = context.Get<TimeProvider>().GetUtcNow();
            var request = new DataSubjectRequest(result.GetValue(reference)!,
                RequestSpelling.ParseKind(result.GetValue(kind)!) ?? throw new ToolException($"--kind '{result.GetValue(kind)}' is not a kind of request; expected {RequestSpelling.Kinds}."),
                RequestSpelling.ParseLaw(result.GetValue(law)!) ?? throw new ToolException($"--law '{result.GetValue(law)}' is not a law SmsOptOut knows the deadline of; expected {RequestSpelling.Laws}."));
            var at = TimeArgument.Parse(result.GetValue(received), "--received", now);
            if (at > now)
            {
                throw new ToolException($"--received '{result.GetValue(received)}' is in the future; expected when the request arrived, now or earlier.");
            }

            request = request with
            {
                ReceivedAt = at,
                Number = result.GetValue(number) is { } text ? context.Number(text) : null,
                Account = await context.OptionalAccountAsync("requests add", cancellationToken).ConfigureAwait(false),
            };
            var recorded = await context.Get<IDataSubjectService>().RecordRequestAsync(request, cancellationToken).ConfigureAwait(false);
            return Answer(context, "recorded", recorded, context.Get<TimeProvider>().GetUtcNow());
        });
    }

    private static Command Extend(GlobalOptions options)
    {
        var reference = Reference("The request's reference.");
        var reason = new Option<string>("--reason") { Description = "Why (what the person was told); no phone number.", Required = true };
        var command = new Command("extend", "Extend a request's deadline, once, as its law allows (GDPR and UK GDPR to three months, CCPA to 90 days, PIPEDA to 60; Québec none), before its due date.")
        {
            reference, reason,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var extended = await context.Get<IDataSubjectService>().ExtendRequestAsync(result.GetValue(reference)!, result.GetValue(reason)!, cancellationToken).ConfigureAwait(false);
            return Answer(context, "extended", extended, context.Get<TimeProvider>().GetUtcNow());
        });
    }

    private static Command Close(GlobalOptions options)
    {
        var reference = Reference("The request's reference.");
        var resolution = new Option<string>("--resolution") { Description = "How it was answered; no phone number.", Required = true };
        var command = new Command("close", "Close a request: it was answered. It is kept, with when and how. (An erasure with --request-id set to the reference closes its erasure request itself.)")
        {
            reference, resolution,
        };
        return command.Runs(options, async (result, context, cancellationToken) =>
        {
            var closed = await context.Get<IDataSubjectService>().CloseRequestAsync(result.GetValue(reference)!, result.GetValue(resolution)!, cancellationToken).ConfigureAwait(false);
            return Answer(context, "closed", closed, context.Get<TimeProvider>().GetUtcNow());
        });
    }

    private static Option<string> Reference(string description) => new("--reference") { Description = description, Required = true };

    private static int Answer(ToolContext context, string action, DataSubjectRequestRecord request, DateTimeOffset now)
    {
        if (context.Json)
        {
            Json.Write(context.Output, new RequestAnswer(Json.Version, action, RequestEntry.Of(request, now)));
        }
        else
        {
            context.Output.WriteLine($"{action} request {request.Reference}:");
            context.Output.WriteLine("  " + Describe(request, now));
        }

        return ExitCodes.Ok;
    }

    /// <summary>One line: reference, kind, law, account, received, deadline, and the days left or overdue (or how it was closed).</summary>
    private static string Describe(DataSubjectRequestRecord r, DateTimeOffset now)
    {
        var days = RequestSpelling.DaysLeft(r, now);
        var state = !r.IsOpen ? $"closed {Day(r.ClosedAt!.Value)}: {r.Resolution}"
            : days < 0 ? string.Create(CultureInfo.InvariantCulture, $"OVERDUE by {-days} day(s)")
            : string.Create(CultureInfo.InvariantCulture, $"{days} day(s) left");
        return $"{r.Reference,-20} {RequestSpelling.Kind(r.Kind),-9} {RequestSpelling.Law(r.Law),-7} {(r.Account is { } a ? "account " + a : "every account"),-20} "
            + $"received {Day(r.ReceivedAt)}  due {Day(r.Deadline)}{(r.ExtendedDueAt is null ? string.Empty : " (extended)")}  {state}";
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
