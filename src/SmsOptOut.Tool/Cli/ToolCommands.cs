using System.CommandLine;
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
    public static RootCommand Create()
    {
        var options = new GlobalOptions();
        var root = new RootCommand("smsoptout: operate an SmsOptOut storage (SQLite, PostgreSQL or Redis) from the command line. "
            + "Exit codes: 0 done, 1 something to act on (a suppressed number, refused rows, a failed check), 2 bad input, 3 storage unavailable.");
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        foreach (var command in new[]
        {
            ImportCommand.Create(options), ExportCommand.Create(options), CheckCommand.Create(options), HistoryCommand.Create(options),
            PrivacyCommands.Erase(options), PrivacyCommands.Access(options), StatsCommand.Create(options), WebhooksCommand.Create(options),
            MigrateCommand.Create(options), DoctorCommand.Create(options), Reconciliation.ReconcileCommand.Create(options),
        })
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
