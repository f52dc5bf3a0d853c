using Microsoft.Data.Sqlite;
using SmsOptOut.Storage.Sqlite.Internal;
using SmsOptOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>
/// Two processes on one SQLite file: both opt out overlapping numbers and then claim and deliver outbox rows at the
/// same time. No update is lost, no row is claimed twice, and "database is locked" never reaches either process.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SqliteCrossProcessTests(SqliteStorageFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteStorageFixture>
{
    [Fact]
    public async Task Two_processes_share_one_file_without_lost_updates_double_claims_or_lock_errors()
    {
        var connection = $"Data Source={fixture.PathFor("contend-" + Guid.NewGuid().ToString("N")[..8])}";
        using var a = WorkerProcess.Start("contend", "sqlite", connection, "worker-a", "0", "600");
        using var b = WorkerProcess.Start("contend", "sqlite", connection, "worker-b", "300", "600");

        var exitA = await a.WaitAsync(TimeSpan.FromMinutes(2));
        var exitB = await b.WaitAsync(TimeSpan.FromMinutes(2));

        var errors = a.Lines.Concat(b.Lines).Where(l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("stderr", StringComparison.Ordinal)).ToList();
        errors.Should().BeEmpty("no lock error may surface to a caller");
        (exitA, exitB).Should().Be((0, 0));

        var applied = a.Lines.Concat(b.Lines).Where(l => l.StartsWith("applied ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        applied.Should().HaveCount(1_200);
        applied.Where(p => p[2] == "Applied").Select(p => p[1]).Should().OnlyHaveUniqueItems().And.HaveCount(900, "900 distinct numbers, each applied by exactly one process");

        var claimsA = a.Lines.Where(l => l.StartsWith("claim ", StringComparison.Ordinal)).Select(l => l[6..]).ToList();
        var claimsB = b.Lines.Where(l => l.StartsWith("claim ", StringComparison.Ordinal)).Select(l => l[6..]).ToList();
        claimsA.Concat(claimsB).Should().OnlyHaveUniqueItems("no row is claimed twice while its lease is live").And.HaveCount(900);
        output.WriteLine($"worker-a claimed {claimsA.Count}, worker-b claimed {claimsB.Count}");

        SqliteConnection.ClearAllPools();
        await using var check = new SqliteConnection(connection);
        await check.OpenAsync();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM consent_events), (SELECT COUNT(*) FROM suppressions), (SELECT COUNT(*) FROM webhook_outbox WHERE state = 1);";
        using var reader = await command.ExecuteReaderAsync();
        reader.Read();
        (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)).Should().Be((900L, 900L, 900L));
    }

    [Fact]
    public async Task Two_processes_starting_on_a_new_file_at_once_migrate_it_once()
    {
        var path = fixture.PathFor("migrate-" + Guid.NewGuid().ToString("N")[..8]);
        var workers = Enumerable.Range(0, 4).Select(i => WorkerProcess.Start("contend", "sqlite", $"Data Source={path}", $"w{i}", (i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture), "10")).ToList();

        foreach (var worker in workers)
        {
            (await worker.WaitAsync(TimeSpan.FromMinutes(1))).Should().Be(0, string.Join('\n', worker.Lines));
            worker.Dispose();
        }

        SqliteConnection.ClearAllPools();
        await using var check = new SqliteConnection($"Data Source={path}");
        await check.OpenAsync();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_migrations;";
        using var reader = await command.ExecuteReaderAsync();
        reader.Read();
        (reader.GetInt64(0), reader.GetInt64(1)).Should().Be(((long)SqliteSchema.Migrations.Length, (long)SqliteSchema.Migrations[^1].Version), "each migration applied once");
    }
}
