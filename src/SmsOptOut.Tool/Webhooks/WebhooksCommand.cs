using System.CommandLine;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tool.Webhooks;

/// <summary><c>smsoptout webhooks test | pending | dead-letters | replay</c>: the opt-out webhooks owed to the account's callback URL.</summary>
internal static class WebhooksCommand
{
    public static Command Create(GlobalOptions options) =>
        new("webhooks", "The opt-out webhooks owed to callback URLs: test the endpoint, see what is pending or dead-lettered, replay.")
        {
            Test(options), Pending(options), Deliver(options), DeadLetters(options), Replay(options),
        };

    private static Command Test(GlobalOptions options)
    {
        var list = new Option<string?>("--list") { Description = "Test the callback URL of this list instead of the account's." };
        return new Command("test", "Send a signed test event to the callback URL now and report the answer. Exit code 1 when it fails.") { list }
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var account = context.Account("webhooks test");
                ListId? listId = result.GetValue(list) is { } l ? new ListId(l) : null;
                var test = await context.Get<IOptOutWebhookDispatcher>().SendTestAsync(account, listId, cancellationToken).ConfigureAwait(false);
                var answer = new TestAnswer(test.Success, test.StatusCode, test.Latency.TotalMilliseconds, test.Error);
                if (context.Json)
                {
                    Json.Write(context.Output, answer);
                }
                else
                {
                    context.Output.WriteLine(test.Success
                        ? string.Create(CultureInfo.InvariantCulture, $"the callback URL answered {test.StatusCode} in {test.Latency.TotalMilliseconds:N0} ms: it receives opt-outs.")
                        : string.Create(CultureInfo.InvariantCulture, $"the test event failed{(test.StatusCode is { } code ? $" with HTTP {code}" : string.Empty)}: {test.Error}"));
                }

                return test.Success ? ExitCodes.Ok : ExitCodes.Attention;
            });
    }

    private static Command Pending(GlobalOptions options) =>
        new Command("pending", "How many webhooks are owed, delivered and dead-lettered, and how overdue the oldest owed one is (all accounts without --account).")
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var account = context.OptionalAccount("webhooks pending");
                var counts = await context.Get<IWebhookOutboxStore>().CountAsync(account, cancellationToken).ConfigureAwait(false);
                var overdue = counts.OldestDueAt is { } due ? Math.Max(0, (DateTimeOffset.UtcNow - due).TotalSeconds) : (double?)null;
                var answer = new PendingAnswer(account?.Value, counts.Pending, counts.Delivered, counts.DeadLettered, counts.OldestDueAt, overdue);
                if (context.Json)
                {
                    Json.Write(context.Output, answer);
                    return ExitCodes.Ok;
                }

                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{counts.Pending:N0} pending, {counts.Delivered:N0} delivered (kept), {counts.DeadLettered:N0} dead-lettered{(account is null ? string.Empty : $" in account {account}")}"));
                if (overdue is { } seconds)
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the oldest owed webhook has been due for {TimeSpan.FromSeconds(Math.Round(seconds))}"));
                }

                return ExitCodes.Ok;
            });

    private static Command Deliver(GlobalOptions options) =>
        new Command("deliver", "Deliver what is owed now, from this process, without waiting for retry times (after the receiver was fixed). All accounts without --account.")
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var account = context.OptionalAccount("webhooks deliver");
                var attempts = await context.Get<IOptOutWebhookDispatcher>().DeliverPendingNowAsync(account, cancellationToken).ConfigureAwait(false);
                var counts = await context.Get<IWebhookOutboxStore>().CountAsync(account, cancellationToken).ConfigureAwait(false);
                if (context.Json)
                {
                    Json.Write(context.Output, new Dictionary<string, long> { ["attempts"] = attempts, ["pending"] = counts.Pending, ["deadLettered"] = counts.DeadLettered });
                }
                else
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{attempts:N0} delivery attempt(s); {counts.Pending:N0} still pending, {counts.DeadLettered:N0} dead-lettered."));
                }

                return counts.Pending + counts.DeadLettered > 0 ? ExitCodes.Attention : ExitCodes.Ok;
            });

    private static Command DeadLetters(GlobalOptions options) =>
        new Command("dead-letters", "The webhooks that exhausted their retries, with their last error.")
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var account = context.Account("webhooks dead-letters");
                var entries = new List<DeadLetterEntry>();
                await foreach (var m in context.Get<IOptOutWebhookDispatcher>().GetDeadLettersAsync(account, cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(new DeadLetterEntry(m.Id, m.EventId, m.List?.Value, m.Attempts, m.CreatedAt, m.LastAttemptAt, m.LastError));
                }

                if (context.Json)
                {
                    Json.Write(context.Output, entries);
                    return ExitCodes.Ok;
                }

                context.Output.WriteLine($"{entries.Count} dead-lettered webhook(s) in account {account}");
                foreach (var e in entries)
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {e.Id}  created {e.CreatedAt:yyyy-MM-dd HH:mm} UTC  {e.Attempts} attempts  last error: {e.LastError}"));
                }

                return ExitCodes.Ok;
            });

    private static Command Replay(GlobalOptions options)
    {
        var ids = new Argument<string[]>("id") { Description = "The dead letters to replay; all of the account's when none is named.", Arity = ArgumentArity.ZeroOrMore };
        var now = new Option<bool>("--deliver") { Description = "Deliver them from this process now, instead of leaving them to the application's dispatcher." };
        return new Command("replay", "Make dead-lettered webhooks due again (after the receiving system is fixed).") { ids, now }
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var account = context.Account("webhooks replay");
                var named = result.GetValue(ids) is { Length: > 0 } some ? some : null;
                var dispatcher = context.Get<IOptOutWebhookDispatcher>();
                var replayed = await dispatcher.ReplayDeadLettersAsync(account, named, cancellationToken).ConfigureAwait(false);
                var delivered = result.GetValue(now) ? await dispatcher.DeliverPendingNowAsync(account, cancellationToken).ConfigureAwait(false) : (int?)null;
                if (context.Json)
                {
                    var answer = new Dictionary<string, long> { ["replayed"] = replayed };
                    if (delivered is { } d)
                    {
                        answer["delivered"] = d;
                    }

                    Json.Write(context.Output, answer);
                }
                else
                {
                    context.Output.WriteLine($"{replayed} dead-lettered webhook(s) of account {account} are due again"
                        + (delivered is { } d ? $"; {d} delivered now." : "; the application's dispatcher delivers them (or run again with --deliver)."));
                }

                return named is not null && replayed < named.Length ? ExitCodes.Attention : ExitCodes.Ok;
            });
    }
}
