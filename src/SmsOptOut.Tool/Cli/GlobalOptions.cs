using System.CommandLine;

namespace SmsOptOut.Tool.Cli;

/// <summary>The options every command takes: where the storage is, which account, how to answer.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Storage { get; } = new("--storage", "-s")
    {
        Description = "The storage: sqlite:<path>, postgresql:<connection string> or redis:<configuration>. Or use --config.",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "An appsettings JSON file: SmsOptOut options, and the storage in SmsOptOut:Sqlite, SmsOptOut:PostgreSql or SmsOptOut:Redis.",
        Recursive = true,
    };

    public Option<string?> Schema { get; } = new("--schema") { Description = "The PostgreSQL schema (default smsoptout).", Recursive = true };

    public Option<string?> KeyPrefix { get; } = new("--key-prefix") { Description = "The Redis key prefix (default smsoptout).", Recursive = true };

    public Option<string?> Account { get; } = new("--account", "-a") { Description = "The account the command works on.", Recursive = true };

    public Option<string?> Region { get; } = new("--region")
    {
        Description = "The default region for national numbers (ISO 3166 code, for example US); without it numbers must be international (+1…).",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Answer in JSON (read commands), for scripts.", Recursive = true };

    public IEnumerable<Option> All => [Storage, Config, Schema, KeyPrefix, Account, Region, Json];
}
