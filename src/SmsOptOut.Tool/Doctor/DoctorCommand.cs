using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tool.Doctor;

/// <summary>
/// <c>smsoptout doctor</c>: checks the configuration, reaches the storage, validates the callback URLs against the
/// SSRF rules, and looks at the webhook backlog; says what is wrong in words. Exit code 1 when a check fails.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(GlobalOptions options) =>
        new Command("doctor", "Check the configuration, the storage, the callback URLs (SSRF rules) and the webhook backlog, and say what is wrong. Exit code 1 when a check fails.")
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var checks = new List<DoctorCheck>();
                var settings = Configuration(context, checks);
                if (await StorageAsync(context, checks, cancellationToken).ConfigureAwait(false) && settings is not null)
                {
                    await CallbacksAsync(context, settings, checks, cancellationToken).ConfigureAwait(false);
                    await BacklogAsync(context, checks, cancellationToken).ConfigureAwait(false);
                    await HeldMessagesAsync(context, checks, cancellationToken).ConfigureAwait(false);
                }

                var answer = new DoctorAnswer(checks.TrueForAll(c => c.Verdict != DoctorVerdict.Failed), checks);
                if (context.Json)
                {
                    Json.Write(context.Output, answer);
                }
                else
                {
                    foreach (var check in checks)
                    {
                        var mark = check.Verdict switch { DoctorVerdict.Ok => "ok  ", DoctorVerdict.Warning => "warn", _ => "FAIL" };
                        context.Output.WriteLine($"[{mark}] {check.Name}: {check.Detail}");
                    }

                    context.Output.WriteLine(answer.Healthy ? "no problem found." : "problems found: see FAIL above.");
                }

                return answer.Healthy ? ExitCodes.Ok : ExitCodes.Attention;
            });

    private static SmsOptOutOptions? Configuration(ToolContext context, List<DoctorCheck> checks)
    {
        try
        {
            var options = context.Options;
            checks.Add(new("configuration", DoctorVerdict.Ok, "the SmsOptOut options are valid."));
            return options;
        }
        catch (OptionsValidationException e)
        {
            checks.Add(new("configuration", DoctorVerdict.Failed, string.Join(" ", e.Failures)));
            return null;
        }
    }

    private static async Task<bool> StorageAsync(ToolContext context, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        try
        {
            await context.Get<ISuppressionStore>().IsSuppressedAsync(new Consent.AccountId("doctor"), global::SmsOptOut.Numbers.PhoneNumber.FromValue(12_025_550_100), null, cancellationToken)
                .ConfigureAwait(false);
            var version = context.Services.GetService<IStorageSchema>() is { } schema
                ? $", schema version {(await schema.MigrateAsync(cancellationToken).ConfigureAwait(false)).Current}"
                : string.Empty;
            checks.Add(new("storage", DoctorVerdict.Ok, $"{context.StorageName} answers{version}."));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            checks.Add(new("storage", DoctorVerdict.Failed, $"{context.StorageName} could not be used: {e.Message.ReplaceLineEndings(" ")}"));
            return false;
        }
    }

    private static async Task CallbacksAsync(ToolContext context, SmsOptOutOptions options, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        var urls = new List<(string Name, Uri Url)>();
        if (options.Webhooks.CallbackUrl is { } account)
        {
            urls.Add(("callback URL", account));
        }

        urls.AddRange(options.Webhooks.ListCallbackUrls.Select(l => ($"callback URL of list {l.Key}", l.Value)));
        if (urls.Count == 0)
        {
            checks.Add(new("callback URLs", DoctorVerdict.Warning, "none configured: opt-outs are recorded but no system is told of them (set SmsOptOut:Webhooks:CallbackUrl)."));
            return;
        }

        var dispatcher = context.Get<IOptOutWebhookDispatcher>();
        foreach (var (name, url) in urls)
        {
            var check = await dispatcher.ValidateEndpointAsync(url, cancellationToken).ConfigureAwait(false);
            checks.Add(check.IsAllowed
                ? new(name, DoctorVerdict.Ok, $"{url} is allowed (HTTPS, public address).")
                : new(name, DoctorVerdict.Failed, $"{url} is refused: {check.Reason}"));
        }

        if (options.Webhooks.Secrets.Count == 0)
        {
            checks.Add(new("webhook secret", DoctorVerdict.Failed, "no signing secret: receivers cannot verify the webhooks (set SmsOptOut:Webhooks:Secrets)."));
        }
    }

    /// <summary>Messages held by quiet hours: a claimed one whose scheduler never reported it sent is in doubt, and is never sent again on its own.</summary>
    private static async Task HeldMessagesAsync(ToolContext context, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        if (context.Services.GetService<Sending.IDeferredSendStore>() is not { } held)
        {
            return;
        }

        var counts = await held.CountAsync(cancellationToken).ConfigureAwait(false);
        checks.Add(counts.Claimed > 0
            ? new("held messages", DoctorVerdict.Warning,
                $"{counts.Pending:N0} waiting for their hours, {counts.Claimed:N0} claimed by a scheduler that has not reported them sent: in flight now, or in doubt after a process died mid-send (never sent again on their own).")
            : new("held messages", DoctorVerdict.Ok, $"{counts.Pending:N0} waiting for their hours, none in doubt."));
    }

    private static async Task BacklogAsync(ToolContext context, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        var counts = await context.Get<IWebhookOutboxStore>().CountAsync(null, cancellationToken).ConfigureAwait(false);
        var overdue = counts.OldestDueAt is { } due ? DateTimeOffset.UtcNow - due : TimeSpan.Zero;
        checks.Add(overdue > TimeSpan.FromMinutes(30) || counts.DeadLettered > 0
            ? new("webhook backlog", DoctorVerdict.Warning,
                $"{counts.Pending:N0} owed (the oldest due {overdue:hh\\:mm\\:ss} ago), {counts.DeadLettered:N0} dead-lettered: is the application's dispatcher running, and does the receiver answer? (smsoptout webhooks dead-letters / replay)")
            : new("webhook backlog", DoctorVerdict.Ok, $"{counts.Pending:N0} owed, none overdue by more than 30 minutes, none dead-lettered."));
    }
}
