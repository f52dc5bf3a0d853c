using Npgsql;
using SmsOptOut.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>The crash-safety proof on PostgreSQL: the writing client process is killed, the server keeps running.</summary>
public sealed class PostgreSqlCrashSafetyTests(PostgreSqlStorageFixture fixture, ITestOutputHelper output)
    : CrashSafetyTests<PostgreSqlStorageFixture>(fixture, output)
{
    protected override string StorageName => "postgres";

    protected override string WorkerConnection(string isolationKey) => $"{Fixture.ConnectionString}|{isolationKey}";

    protected override async Task<(long Events, long Suppressions, long Outbox, long Orphans)> CountAsync(string isolationKey)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT COUNT(*) FROM "{isolationKey}".consent_events), (SELECT COUNT(*) FROM "{isolationKey}".suppressions),
                   (SELECT COUNT(*) FROM "{isolationKey}".webhook_outbox),
                   (SELECT COUNT(*) FROM "{isolationKey}".consent_events e WHERE NOT EXISTS (SELECT 1 FROM "{isolationKey}".suppressions s WHERE s.event_id = e.event_id))
                 + (SELECT COUNT(*) FROM "{isolationKey}".consent_events e WHERE NOT EXISTS (SELECT 1 FROM "{isolationKey}".webhook_outbox o WHERE o.event_id = e.event_id))
                 + (SELECT COUNT(*) FROM "{isolationKey}".webhook_outbox o WHERE NOT EXISTS (SELECT 1 FROM "{isolationKey}".consent_events e WHERE e.event_id = o.event_id));
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
