using Microsoft.Data.Sqlite;
using SmsOptOut.Storage.ConformanceTests;
using Xunit.Abstractions;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>The crash-safety proof on a SQLite file, which must also still pass <c>PRAGMA integrity_check</c> after every kill.</summary>
public sealed class SqliteCrashSafetyTests(SqliteStorageFixture fixture, ITestOutputHelper output) : CrashSafetyTests<SqliteStorageFixture>(fixture, output)
{
    protected override async Task CheckStorageAfterKillAsync(string isolationKey)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={Fixture.PathFor(isolationKey)}");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        (await command.ExecuteScalarAsync()).Should().Be("ok");
    }
}
