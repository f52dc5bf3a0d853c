using System.CommandLine;
using System.Globalization;
using SmsOptOut.Providers;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Reconciliation;

/// <summary>
/// <c>smsoptout reconcile --account acme [--provider telnyx]</c>: compares the account's opt-outs with the lists its
/// providers keep (providers from the <c>--config</c> file's <c>Telnyx</c> and <c>SmsTo</c> sections) and records what no
/// webhook brought.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(GlobalOptions options)
    {
        var provider = new Option<string?>("--provider") { Description = "Read only this provider (telnyx, smsto); every configured one that lists opt-outs without it." };
        return new Command("reconcile",
            "Read the opt-outs the account's providers hold (Telnyx, SMS.to: their sections in --config) and record those no webhook brought; never opts anyone in. "
            + "Resumes where the last run stopped. Exit code 1 when it recorded any (a webhook was missed) or a provider could not be read.")
        {
            provider,
        }.Runs(options, async (result, context, cancellationToken) =>
        {
            var account = await context.AccountAsync("reconcile", cancellationToken: cancellationToken).ConfigureAwait(false);
            var results = await context.Get<IProviderReconciliation>().ReconcileAsync(account, result.GetValue(provider), cancellationToken).ConfigureAwait(false);
            if (results.Count == 0)
            {
                throw new ToolException("No configured provider lists its opt-outs: add a Telnyx or SmsTo section (with its API key) to the --config file.");
            }

            if (context.Json)
            {
                Json.Write(context.Output, new ReconcileAnswer(Json.Version, account.Value, [.. results.Select(ProviderReconciled.Of)]));
            }
            else
            {
                foreach (var r in results)
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Provider}: read {r.Read:N0} opt-outs; recorded {r.Recorded:N0} that no webhook had brought; {r.AlreadySuppressed:N0} already recorded; {r.Superseded:N0} older than an opt-in recorded here since (left alone)"));
                    context.Output.WriteLine(r.Completed
                        ? string.Create(CultureInfo.InvariantCulture, $"  complete through {r.Through:yyyy-MM-dd HH:mm:ss} UTC")
                        : $"  stopped, resumes there next run: {r.Error}");
                }
            }

            return results.All(r => r.Completed && r.Recorded == 0) ? ExitCodes.Ok : ExitCodes.Attention;
        });
    }
}

/// <summary>The answer of <c>reconcile</c>: one entry per provider read.</summary>
internal sealed record ReconcileAnswer(int Version, string Account, IReadOnlyList<ProviderReconciled> Providers);

/// <summary>One provider's result.</summary>
internal sealed record ProviderReconciled(string Provider, int Read, int Recorded, int AlreadySuppressed, int Superseded, bool Completed, string? Through, string? Error)
{
    public static ProviderReconciled Of(ReconciliationResult r) => new(r.Provider, r.Read, r.Recorded, r.AlreadySuppressed, r.Superseded, r.Completed, Spell.Instant(r.Through), r.Error);
}
