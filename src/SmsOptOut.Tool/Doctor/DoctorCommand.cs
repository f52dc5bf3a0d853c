using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Privacy;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Cli;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tool.Doctor;

/// <summary>
/// <c>smsoptout doctor</c>: checks the configuration, the region, reaches the storage, checks the pseudonym keys against
/// every account's erasures, validates the callback URLs against the SSRF rules and the providers' credentials, and
/// looks at the webhook backlog; says what is wrong in words, naming configuration keys. Exit code 1 when a check fails.
/// </summary>
internal static class DoctorCommand
{
    private static readonly string[] UncheckedProviders = ["Twilio", "Plivo", "Vonage"];

    public static Command Create(GlobalOptions options) =>
        new Command("doctor",
            "Check the configuration, the default region, the storage, the pseudonym keys against every account's erasures, the callback URLs (SSRF rules), the providers' credentials "
            + "and the webhook backlog, and say what is wrong. Exit code 1 when a check fails.\n\nExample:\n  smsoptout doctor --config appsettings.json")
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var checks = new List<DoctorCheck>();
                var settings = Configuration(context, checks);
                if (settings is not null)
                {
                    Region(settings, checks);
                    Providers(context, checks);
                }

                if (await StorageAsync(context, checks, cancellationToken).ConfigureAwait(false) && settings is not null)
                {
                    await PseudonymKeysAsync(context, settings, checks, cancellationToken).ConfigureAwait(false);
                    await CallbacksAsync(context, settings, checks, cancellationToken).ConfigureAwait(false);
                    await BacklogAsync(context, checks, cancellationToken).ConfigureAwait(false);
                    await HeldMessagesAsync(context, checks, cancellationToken).ConfigureAwait(false);
                }

                var answer = new DoctorAnswer(Json.Version, checks.TrueForAll(c => c.Verdict != DoctorCheck.Failed), checks);
                if (context.Json)
                {
                    Json.Write(context.Output, answer);
                }
                else
                {
                    foreach (var check in checks)
                    {
                        var mark = check.Verdict switch { DoctorCheck.Ok => "ok  ", DoctorCheck.Warning => "warn", _ => "FAIL" };
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
            checks.Add(new("configuration", DoctorCheck.Ok, "the SmsOptOut options are valid."));
            return options;
        }
        catch (OptionsValidationException e)
        {
            checks.Add(new("configuration", DoctorCheck.Failed, ConfigurationNames.Rewrite(string.Join(" ", e.Failures))));
            return null;
        }
    }

    private static void Region(SmsOptOutOptions options, List<DoctorCheck> checks) =>
        checks.Add(options.DefaultRegion is { } region
            ? new("region", DoctorCheck.Ok, $"national numbers are read as {region} numbers (SmsOptOut:DefaultRegion).")
            : new("region", DoctorCheck.Warning, "no default region: numbers without a country code are refused (set SmsOptOut:DefaultRegion, or pass --region)."));

    /// <summary>The credentials of the providers the tool loads (Telnyx, SMS.to), as their options validation sees them.</summary>
    private static void Providers(ToolContext context, List<DoctorCheck> checks)
    {
        Check("Telnyx", () => context.Services.GetRequiredService<IOptions<Transport.Telnyx.TelnyxOptions>>().Value);
        Check("SmsTo", () => context.Services.GetRequiredService<IOptions<Transport.SmsTo.SmsToOptions>>().Value);
        foreach (var name in UncheckedProviders.Where(n => context.Configuration.GetSection(n).Exists()))
        {
            checks.Add(new($"provider {name}", DoctorCheck.Warning,
                $"the {name} section is not checked here: smsoptout does not load the {name} package; the application validates it when it starts."));
        }

        void Check(string section, Func<object> read)
        {
            if (!context.Configuration.GetSection(section).Exists())
            {
                return;
            }

            try
            {
                _ = read();
                checks.Add(new($"provider {section}", DoctorCheck.Ok, $"the {section} section's credentials have the expected shape."));
            }
            catch (OptionsValidationException e)
            {
                checks.Add(new($"provider {section}", DoctorCheck.Failed, $"the {section} section is not valid: " + string.Join(" ", e.Failures)));
            }
        }
    }

    private static async Task<bool> StorageAsync(ToolContext context, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        try
        {
            var version = context.Services.GetService<IStorageSchema>() is { } schema
                ? $", schema version {(await schema.MigrateAsync(cancellationToken).ConfigureAwait(false)).Current}"
                : string.Empty;
            var accounts = 0;
            if (context.Services.GetService<IAccountDirectory>() is { } directory)
            {
                await foreach (var _ in directory.GetAccountsAsync(cancellationToken).ConfigureAwait(false))
                {
                    accounts++;
                }
            }

            checks.Add(new("storage", DoctorCheck.Ok, $"{context.StorageName} answers{version}; {accounts} account(s) hold data."));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            checks.Add(new("storage", DoctorCheck.Failed, $"{context.StorageName} could not be used: {e.Message.ReplaceLineEndings(" ")}"));
            return false;
        }
    }

    /// <summary>
    /// Every account's erasures against the configured pseudonym keys: a store checks the key fingerprints it recorded
    /// (erasure_keys) on the first probe of an account with erasures, so a probe of each account finds a missing key or
    /// a key whose secret changed — which would let erased people be messaged again, and makes <c>check</c> fail.
    /// </summary>
    private static async Task PseudonymKeysAsync(ToolContext context, SmsOptOutOptions options, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        var keys = options.DataProtection.PseudonymKeys;
        var subjects = context.Services.GetService<IDataSubjectStore>();
        var store = context.Get<ISuppressionStore>();
        var erasing = 0;
        var failures = new List<string>();
        foreach (var name in (await context.KnownAccountsAsync(cancellationToken).ConfigureAwait(false)).Where(a => a.Value != "configuration").Select(a => a.Key))
        {
            var account = new AccountId(name);
            var hasErasures = false;
            if (subjects is not null)
            {
                await foreach (var _ in subjects.GetErasuresAsync(account, cancellationToken).ConfigureAwait(false))
                {
                    hasErasures = true;
                    break;
                }
            }

            erasing += hasErasures ? 1 : 0;
            try
            {
                await store.IsSuppressedAsync(account, global::SmsOptOut.Numbers.PhoneNumber.FromValue(12_025_550_100), null, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"account {name}: {ConfigurationNames.Rewrite(e.Message)}");
            }
        }

        var configured = keys.Count == 0 ? "no pseudonym key is configured" : $"pseudonym key(s) {string.Join(", ", keys.Select(k => k.Id))} configured";
        if (failures.Count > 0)
        {
            checks.Add(new("pseudonym keys", DoctorCheck.Failed, $"{configured}, and the erasures stored do not match: {string.Join(" ", failures)}"));
        }
        else if (keys.Count == 0)
        {
            checks.Add(new("pseudonym keys", DoctorCheck.Warning,
                "no pseudonym key: erase is refused until one is set (SmsOptOut:DataProtection:PseudonymKeys:0:Secret, or SmsOptOut__DataProtection__PseudonymKeys__0__Secret in the environment)."));
        }
        else
        {
            checks.Add(new("pseudonym keys", DoctorCheck.Ok, $"{configured}; they match the key fingerprints of every account with erasures ({erasing})."));
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
            checks.Add(new("callback URLs", DoctorCheck.Warning, "none configured: opt-outs are recorded but no system is told of them (set SmsOptOut:Webhooks:CallbackUrl)."));
            return;
        }

        var dispatcher = context.Get<IOptOutWebhookDispatcher>();
        foreach (var (name, url) in urls)
        {
            var check = await dispatcher.ValidateEndpointAsync(url, cancellationToken).ConfigureAwait(false);
            checks.Add(check.IsAllowed
                ? new(name, DoctorCheck.Ok, $"{url} is allowed (HTTPS, public address).")
                : new(name, DoctorCheck.Failed, $"{url} is refused: {ConfigurationNames.Rewrite(check.Reason ?? string.Empty)}"));
        }

        if (options.Webhooks.Secrets.Count == 0)
        {
            checks.Add(new("webhook secret", DoctorCheck.Failed, "no signing secret: receivers cannot verify the webhooks (set SmsOptOut:Webhooks:Secrets:0)."));
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
            ? new("held messages", DoctorCheck.Warning,
                $"{counts.Pending:N0} waiting for their hours, {counts.Claimed:N0} claimed by a scheduler that has not reported them sent: in flight now, or in doubt after a process died mid-send (never sent again on their own).")
            : new("held messages", DoctorCheck.Ok, $"{counts.Pending:N0} waiting for their hours, none in doubt."));
    }

    private static async Task BacklogAsync(ToolContext context, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        var counts = await context.Get<IWebhookOutboxStore>().CountAsync(null, cancellationToken).ConfigureAwait(false);
        var overdue = counts.OldestDueAt is { } due ? DateTimeOffset.UtcNow - due : TimeSpan.Zero;
        checks.Add(overdue > TimeSpan.FromMinutes(30) || counts.DeadLettered > 0
            ? new("webhook backlog", DoctorCheck.Warning,
                $"{counts.Pending:N0} owed (the oldest due {overdue:hh\\:mm\\:ss} ago), {counts.DeadLettered:N0} dead-lettered: is the application's dispatcher running, and does the receiver answer? (smsoptout webhooks dead-letters / replay)")
            : new("webhook backlog", DoctorCheck.Ok, $"{counts.Pending:N0} owed, none overdue by more than 30 minutes, none dead-lettered."));
    }
}
