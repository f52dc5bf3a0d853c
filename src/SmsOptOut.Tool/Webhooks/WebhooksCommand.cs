using System.CommandLine;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tool.Webhooks;

/// <summary><c>smsoptout webhooks test | pending | deliver | dead-letters | replay</c>: the opt-out webhooks owed to the account's callback URL.</summary>
internal static class WebhooksCommand
{
    public static Command Create(GlobalOptions options) =>
        new("webhooks", "The opt-out webhooks owed to callback URLs: test the endpoint, see what is pending or dead-lettered, deliver, replay.\n\n"
            + "Examples:\n  smsoptout webhooks pending --config appsettings.json\n  smsoptout webhooks replay --config appsettings.json --account acme --deliver")
        {
            Test(options), Pending(options), Deliver(options), DeadLetters(options), Replay(options),
        };

    private static Command Test(GlobalOptions options)
    {
        var list = new Option<string?>("--list") { Description = "Test the callback URL of this list instead of the account's." };
        return new Command("test", "Send a signed test event to the callback URL now and report the answer. Exit code 1 when it fails.") { list }
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var account = await context.AccountAsync("webhooks test", cancellationToken: cancellationToken).ConfigureAwait(false);
                ListId? listId = result.GetValue(list) is { } l ? new ListId(l) : null;
                var test = await context.Get<IOptOutWebhookDispatcher>().SendTestAsync(account, listId, cancellationToken).ConfigureAwait(false);
                var answer = new TestAnswer(Json.Version, account.Value, listId?.Value, test.Success, test.StatusCode, test.Latency.TotalMilliseconds, test.Error);
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
                var account = await context.OptionalAccountAsync("webhooks pending", cancellationToken).ConfigureAwait(false);
                var counts = await context.Get<IWebhookOutboxStore>().CountAsync(account, cancellationToken).ConfigureAwait(false);
                var overdue = counts.OldestDueAt is { } due ? Math.Max(0, (DateTimeOffset.UtcNow - due).TotalSeconds) : (double?)null;
                var answer = new PendingAnswer(Json.Version, account?.Value, counts.Pending, counts.Delivered, counts.DeadLettered, Spell.Instant(counts.OldestDueAt), overdue);
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
                var account = await context.OptionalAccountAsync("webhooks deliver", cancellationToken).ConfigureAwait(false);
                var attempts = await context.Get<IOptOutWebhookDispatcher>().DeliverPendingNowAsync(account, cancellationToken).ConfigureAwait(false);
                var counts = await context.Get<IWebhookOutboxStore>().CountAsync(account, cancellationToken).ConfigureAwait(false);
                if (context.Json)
                {
                    Json.Write(context.Output, new DeliverAnswer(Json.Version, account?.Value, attempts, counts.Pending, counts.DeadLettered));
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
                var account = await context.AccountAsync("webhooks dead-letters", cancellationToken: cancellationToken).ConfigureAwait(false);
                var entries = await DeadLettersAsync(context, account, cancellationToken).ConfigureAwait(false);
                if (context.Json)
                {
                    Json.Write(context.Output, new DeadLettersAnswer(Json.Version, account.Value, entries));
                    return ExitCodes.Ok;
                }

                context.Output.WriteLine($"{entries.Count} dead-lettered webhook(s) in account {account}");
                foreach (var e in entries)
                {
                    context.Output.WriteLine($"  {e.Id}  created {e.CreatedAt}  {e.Attempts} attempts  last error: {e.LastError}");
                }

                return ExitCodes.Ok;
            });

    private static async Task<List<DeadLetterEntry>> DeadLettersAsync(ToolContext context, AccountId account, CancellationToken cancellationToken)
    {
        var entries = new List<DeadLetterEntry>();
        await foreach (var m in context.Get<IOptOutWebhookDispatcher>().GetDeadLettersAsync(account, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new DeadLetterEntry(m.Id, m.EventId, m.List?.Value, m.Attempts, Spell.Instant(m.CreatedAt), Spell.Instant(m.LastAttemptAt), m.LastError));
        }

        return entries;
    }

    private static Command Replay(GlobalOptions options)
    {
        var ids = new Argument<string[]>("id") { Description = "The dead letters to replay; all of the account's when none is named.", Arity = ArgumentArity.ZeroOrMore };
        var now = new Option<bool>("--deliver") { Description = "Deliver them from this process now, instead of leaving them to the application's dispatcher." };
        return new Command("replay", "Make dead-lettered webhooks due again (after the receiving system is fixed). Exit code 1 when a named id is not a dead letter of the account.") { ids, now }
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var account = await context.AccountAsync("webhooks replay", cancellationToken: cancellationToken).ConfigureAwait(false);
                var named = result.GetValue(ids) is { Length: > 0 } some ? some.Distinct(StringComparer.Ordinal).ToArray() : null;
                var notFound = new List<string>();
                if (named is not null)
                {
                    var dead = (await DeadLettersAsync(context, account, cancellationToken).ConfigureAwait(false)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
                    notFound.AddRange(named.Where(id => !dead.Contains(id)));
                    named = [.. named.Where(dead.Contains)];
                }

                var dispatcher = context.Get<IOptOutWebhookDispatcher>();
                var replayed = named is { Length: 0 } ? 0 : await dispatcher.ReplayDeadLettersAsync(account, named, cancellationToken).ConfigureAwait(false);
                var delivered = result.GetValue(now) ? await dispatcher.DeliverPendingNowAsync(account, cancellationToken).ConfigureAwait(false) : (int?)null;
                if (context.Json)
                {
                    Json.Write(context.Output, new ReplayAnswer(Json.Version, account.Value, replayed, delivered, notFound));
                }
                else
                {
                    context.Output.WriteLine($"{replayed} dead-lettered webhook(s) of account {account} are due again"
                        + (delivered is { } d ? $"; {d} delivered now." : "; the application's dispatcher delivers them (or run again with --deliver)."));
                }

                if (notFound.Count > 0)
                {
                    Console.Error.WriteLine($"smsoptout: not found among the dead letters of account {account}: {string.Join(", ", notFound)} (smsoptout webhooks dead-letters lists them).");
                    return ExitCodes.Attention;
                }

                return ExitCodes.Ok;
            });
    }
}
