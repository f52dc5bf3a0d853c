using System.CommandLine;
using System.CommandLine.Help;
using SmsOptOut.Internal;
using SmsOptOut.Tool.Accounts;
using SmsOptOut.Tool.Doctor;
using SmsOptOut.Tool.Export;
using SmsOptOut.Tool.Import;
using SmsOptOut.Tool.Numbers;
using SmsOptOut.Tool.Privacy;
using SmsOptOut.Tool.Schema;
using SmsOptOut.Tool.Stats;
using SmsOptOut.Tool.Webhooks;

namespace SmsOptOut.Tool.Cli;

/// <summary>The command tree of <c>smsoptout</c>.</summary>
internal static class ToolCommands
{
    /// <summary>The tool's name in help and messages, however it is started (<c>smsoptout</c>, <c>dotnet SmsOptOut.Tool.dll</c>, <c>dotnet run</c>).</summary>
    public const string Name = "smsoptout";

    /// <summary>
    /// The root: a plain command named <see cref="Name"/> with help and version options, because a <see cref="RootCommand"/>
    /// takes its name from the executable (<c>SmsOptOut.Tool</c> under <c>dotnet run</c>).
    /// </summary>
    public static Command Create()
    {
        var options = new GlobalOptions();
        var root = new Command(Name,
            "smsoptout: operate an SmsOptOut storage (SQLite, PostgreSQL or Redis) from the command line.\n"
            + "Exit codes: 0 done, 1 something to act on (a suppressed number, refused rows, a failed check), 2 bad input (nothing changed), 3 storage unavailable, 130 interrupted.\n\n"
            + "Examples:\n"
            + "  smsoptout accounts --storage sqlite:optout.db\n"
            + "  smsoptout import optouts.csv --storage sqlite:optout.db --account acme --region US --dry-run\n"
            + "  smsoptout check +12125550100 --config appsettings.json --account acme\n"
            + "  smsoptout stats --config appsettings.json --account acme --days 90\n"
            + "  smsoptout requests --config appsettings.json\n"
            + "  smsoptout doctor --config appsettings.json");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        foreach (var command in new[]
        {
            ImportCommand.Create(options), ExportCommand.Create(options), CheckCommand.Create(options), HistoryCommand.Create(options),
            PrivacyCommands.Erase(options), PrivacyCommands.Access(options), StatsCommand.Create(options), AccountsCommand.Create(options), WebhooksCommand.Create(options),
            MigrateCommand.Create(options), DoctorCommand.Create(options), Reconciliation.ReconcileCommand.Create(options), Consents.ConsentsCommand.Create(options),
            RequestsCommand.Create(options), Evidence.EvidenceCommands.Verify(options), Evidence.EvidenceCommands.Checkpoint(options), Evidence.EvidenceCommands.Certificate(options), Evidence.EvidenceCommands.Consistency(options),
        })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>The command names closest to a mistyped one (edit distance at most 2, or a prefix), for "did you mean".</summary>
    public static IReadOnlyList<string> Suggest(Command command, string typed) =>
        [.. command.Subcommands.Select(c => c.Name)
            .Select(name => (Name: name, Distance: EditDistance.Between(name, typed.ToLowerInvariant())))
            .Where(c => c.Distance <= 2 || (typed.Length >= 3 && c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance).Select(c => c.Name)];

}
