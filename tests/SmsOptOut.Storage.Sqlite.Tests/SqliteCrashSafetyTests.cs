using Microsoft.Data.Sqlite;
using SmsOptOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>The crash-safety proof on a SQLite file, which must also still pass <c>PRAGMA integrity_check</c>.</summary>
public sealed class SqliteCrashSafetyTests(SqliteStorageFixture fixture, ITestOutputHelper output) : CrashSafetyTests<SqliteStorageFixture>(fixture, output)
{
    protected override string StorageName => "sqlite";

    protected override string WorkerConnection(string isolationKey) => $"Data Source={Fixture.PathFor(isolationKey)}";

    protected override async Task<(long Events, long Suppressions, long Outbox, long Orphans)> CountAsync(string isolationKey)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(WorkerConnection(isolationKey));
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        (await command.ExecuteScalarAsync()).Should().Be("ok");
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM consent_events), (SELECT COUNT(*) FROM suppressions), (SELECT COUNT(*) FROM webhook_outbox),
                   (SELECT COUNT(*) FROM consent_events e WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.event_id = e.event_id))
                 + (SELECT COUNT(*) FROM consent_events e WHERE NOT EXISTS (SELECT 1 FROM webhook_outbox o WHERE o.event_id = e.event_id))
                 + (SELECT COUNT(*) FROM webhook_outbox o WHERE NOT EXISTS (SELECT 1 FROM consent_events e WHERE e.event_id = o.event_id));
            """;
        using var reader = await command.ExecuteReaderAsync();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
