using Microsoft.Data.Sqlite;
using SmsOptOut.Storage.ConformanceTests.Processes;
using SmsOptOut.Storage.Sqlite.Internal;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>
/// Processes starting on one new SQLite file at once. (Processes contending for the writes and the outbox of one file
/// are proven by the conformance kit's multi-instance suite, <see cref="SqliteMultiInstanceDispatchTests"/>.)
/// </summary>
[Trait("Category", "Slow")]
public sealed class SqliteCrossProcessTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    [Fact]
    public async Task Four_processes_starting_on_a_new_file_at_once_migrate_it_once()
    {
        var isolation = "migrate_" + Guid.NewGuid().ToString("N")[..8];
        var workers = Enumerable.Range(0, 4)
            .Select(i => StorageWorkerProcess.Start(fixture, StorageWorkerCommand.Contend, isolation, $"w{i}", (i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture), "10"))
            .ToList();

        foreach (var worker in workers)
        {
            (await worker.WaitAsync(TimeSpan.FromMinutes(1))).Should().Be(0, string.Join('\n', worker.Lines));
            worker.Dispose();
        }

        SqliteConnection.ClearAllPools();
        await using var check = new SqliteConnection($"Data Source={fixture.PathFor(isolation)}");
        await check.OpenAsync();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_migrations;";
        using var reader = await command.ExecuteReaderAsync();
        reader.Read();
        (reader.GetInt64(0), reader.GetInt64(1)).Should().Be(((long)SqliteSchema.Migrations.Length, (long)SqliteSchema.Migrations[^1].Version), "each migration applied once");
    }
}
