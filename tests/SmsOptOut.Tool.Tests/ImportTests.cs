using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;
using SmsOptOut.Tool.Tests.Support;

namespace SmsOptOut.Tool.Tests;

/// <summary>
/// The tool imports a 100,000-row provider export with 1% bad rows into a real storage, as a process: exact counts,
/// nothing changes when it runs again, and a run killed midway and run again loses nothing and doubles nothing.
/// </summary>
[Trait("Category", "Slow")]
public abstract class ImportTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ToolStorageFixture
{
    private const int Rows = 100_000;
    private const int Bad = Rows / 100;
    private static readonly AccountId Account = new("acme");

    [SkippableFact]
    public async Task A_100k_row_file_with_1_percent_bad_rows_imports_exactly_and_a_second_run_changes_nothing()
    {
        fixture.ThrowIfUnavailable();
        var isolation = Isolation("imp");
        var file = OptOutFile.Write(Path.GetTempPath(), Rows);
        var rejects = file + ".rejects.csv";

        var first = await ImportAsync(isolation, file, "--rejects", rejects);
        var second = await ImportAsync(isolation, file);

        first.Summary.Should().Be(new Summary(Rows, Rows - Bad, 0, Bad, false), first.Error);
        first.ExitCode.Should().Be(1, "refused rows are something to act on");
        File.ReadAllLines(rejects).Should().HaveCount(Bad + 1, "a header and every refused row with its line");
        File.ReadAllLines(rejects)[1].Should().StartWith("44,", "the first bad row is data row 42, on line 44 after the header");
        second.Summary.Should().Be(new Summary(Rows, 0, Rows - Bad, Bad, false));
        (await CountEventsAsync(isolation)).Should().Be(Rows - Bad, "the second run recorded nothing");
        await using var services = fixture.Open(isolation);
        var sample = new[] { OptOutFile.Number(0), OptOutFile.Number(42), OptOutFile.Number(Rows - 1) };
        var flags = new bool[3];
        await services.GetRequiredService<ISuppressionStore>().FilterAsync(Account, null, sample, flags);
        flags.Should().Equal(true, false, true);
    }

    [SkippableFact]
    public async Task An_import_killed_midway_and_run_again_loses_nothing_and_doubles_nothing()
    {
        fixture.ThrowIfUnavailable();
        var isolation = Isolation("kill");
        var file = OptOutFile.Write(Path.GetTempPath(), Rows);
        await using (var services = fixture.Open(isolation))
        {
            var store = services.GetRequiredService<ISuppressionStore>();
            using var tool = ToolProcess.Start([.. fixture.Arguments(isolation), "--account", Account.Value, "import", file, "--create-account"]);
            // The first batch is committed once its first number is suppressed: kill the tool right then, mid-file.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!await store.IsSuppressedAsync(Account, OptOutFile.Number(0)) && !tool.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await tool.KillAsync();
        }

        var partial = await CountEventsAsync(isolation);
        partial.Should().BeInRange(1, Rows - Bad - 1, "the tool was killed after its first batch and before its last");

        var again = await ImportAsync(isolation, file);

        again.Summary.Should().Be(new Summary(Rows, Rows - Bad - partial, partial, Bad, false));
        (await CountEventsAsync(isolation)).Should().Be(Rows - Bad, "every opt-out once: none lost with the killed run, none doubled by the second");
    }

    [SkippableFact]
    public async Task A_dry_run_counts_what_would_change_and_changes_nothing()
    {
        fixture.ThrowIfUnavailable();
        var isolation = Isolation("dry");
        var file = OptOutFile.Write(Path.GetTempPath(), 2_000);

        var dry = await ImportAsync(isolation, file, "--dry-run");

        dry.Summary.Should().Be(new Summary(2_000, 1_980, 0, 20, true));
        (await CountEventsAsync(isolation)).Should().Be(0);
    }

    protected static string Isolation(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(int ExitCode, Summary Summary, string Error)> ImportAsync(string isolation, string file, params string[] more)
    {
        // 100,000 rows take seconds on a quiet machine (docs/benchmarks.md); the bound is for a CI machine running other test projects beside this one.
        var (exit, output, error) = await ToolProcess.RunAsync(TimeSpan.FromMinutes(6), null,
            [.. fixture.Arguments(isolation), "--account", Account.Value, "--json", "import", file, "--create-account", .. more]);
        output.Should().StartWith("{", "the tool answers in JSON; it said {0} {1}", output, error);
        return (exit, JsonSerializer.Deserialize<Summary>(output, SnakeCase)!, error);
    }

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The counts of the tool's JSON summary.</summary>
    private sealed record Summary(long Read, long Applied, long AlreadySuppressed, long Refused, bool DryRun);

    private async Task<long> CountEventsAsync(string isolation)
    {
        await using var services = fixture.Open(isolation);
        long count = 0;
        await foreach (var _ in services.GetRequiredService<ISuppressionStore>().GetEventsAsync(Account, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1)))
        {
            count++;
        }

        return count;
    }
}

public sealed class SqliteImportTests(SqliteToolFixture fixture) : ImportTests<SqliteToolFixture>(fixture);

public sealed class PostgreSqlImportTests(PostgreSqlToolFixture fixture) : ImportTests<PostgreSqlToolFixture>(fixture);

public sealed class RedisImportTests(RedisToolFixture fixture) : ImportTests<RedisToolFixture>(fixture);
