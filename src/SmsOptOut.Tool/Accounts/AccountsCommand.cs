using System.CommandLine;
using System.Globalization;
using SmsOptOut.Reports;
using SmsOptOut.Tool.Cli;

namespace SmsOptOut.Tool.Accounts;

/// <summary><c>smsoptout accounts</c>: the accounts the storage holds and those the configuration names, with their suppressions.</summary>
internal static class AccountsCommand
{
    public static Command Create(GlobalOptions options) =>
        new Command("accounts",
            "The accounts the storage holds data for and those the configuration names (SmsOptOut:Reports:Accounts, SmsOptOut:Reconciliation:Accounts), with how many numbers each suppresses. "
            + "Commands refuse an account that is in neither.\n\nExample:\n  smsoptout accounts --storage sqlite:optout.db")
            .Runs(options, async (result, context, cancellationToken) =>
            {
                var known = await context.KnownAccountsAsync(cancellationToken).ConfigureAwait(false);
                var statistics = context.Get<IConsentStatistics>();
                var entries = new List<AccountEntry>();
                foreach (var (name, from) in known)
                {
                    long? suppressions = from == "configuration" ? 0 : await statistics.CountSuppressedAsync(new Consent.AccountId(name), cancellationToken).ConfigureAwait(false);
                    entries.Add(new AccountEntry(name, from, suppressions ?? 0));
                }

                if (context.Json)
                {
                    Json.Write(context.Output, new AccountsAnswer(Json.Version, entries));
                    return ExitCodes.Ok;
                }

                context.Output.WriteLine(entries.Count == 0
                    ? $"no account: the {context.StorageName} storage holds none and the configuration names none."
                    : string.Create(CultureInfo.InvariantCulture, $"{entries.Count} account(s) in the {context.StorageName} storage and the configuration:"));
                foreach (var e in entries)
                {
                    context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {e.Account,-24} {e.Suppressions,12:N0} suppressed  ({e.KnownFrom})"));
                }

                return ExitCodes.Ok;
            });
}

/// <summary>The answer of <c>accounts</c>.</summary>
internal sealed record AccountsAnswer(int Version, IReadOnlyList<AccountEntry> Accounts);

/// <summary>One account: where it is known from (<c>store</c>, <c>configuration</c>, <c>both</c>) and its current suppressions (one per number and scope).</summary>
internal sealed record AccountEntry(string Account, string KnownFrom, long Suppressions);
