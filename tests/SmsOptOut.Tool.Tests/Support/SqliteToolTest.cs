using System.Text.Json;

namespace SmsOptOut.Tool.Tests.Support;

/// <summary>A test of the tool as a process on its own SQLite file: runs with <c>--storage sqlite:…</c>, writes input files, reads JSON answers.</summary>
public abstract class SqliteToolTest(SqliteToolFixture fixture) : IClassFixture<SqliteToolFixture>
{
    protected SqliteToolFixture Fixture { get; } = fixture;

    protected string Isolation { get; } = "t_" + Guid.NewGuid().ToString("N")[..8];

    protected string Database => Fixture.PathOf(Isolation);

    /// <summary>Runs the tool on this test's file for account acme.</summary>
    protected Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        ToolProcess.RunAsync([.. Fixture.Arguments(Isolation), "--account", "acme", .. arguments]);

    /// <summary>Runs the tool on this test's file without naming an account.</summary>
    protected Task<(int ExitCode, string Output, string Error)> RunBareAsync(params string[] arguments) =>
        ToolProcess.RunAsync([.. Fixture.Arguments(Isolation), .. arguments]);

    /// <summary>Imports <paramref name="csv"/> into account acme (created when new) and expects success.</summary>
    protected async Task ImportAsync(string csv, string account = "acme")
    {
        var (exit, output, error) = await ToolProcess.RunAsync([.. Fixture.Arguments(Isolation), "--account", account, "import", WriteFile(csv), "--create-account"]);
        exit.Should().Be(0, output + error);
    }

    protected string WriteFile(string text, string extension = ".csv")
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Isolation}-{Guid.NewGuid().ToString("N")[..6]}{extension}");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A configuration file with the SQLite storage of this test and more settings inside the SmsOptOut section.</summary>
    protected string WriteConfig(string smsOptOutSettings = "") =>
        WriteFile($$"""{ "SmsOptOut": { {{smsOptOutSettings}}{{(smsOptOutSettings.Length > 0 ? "," : string.Empty)}} "Sqlite": { "ConnectionString": "Data Source={{Database}}" } } }""", ".json");

    protected static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
