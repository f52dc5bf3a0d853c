using Microsoft.Extensions.DependencyInjection;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary><c>IStorageSchema</c> on SQLite, and what choosing another storage afterwards does to it.</summary>
public sealed class SqliteSchemaTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    [Fact]
    public async Task Migrating_a_new_file_creates_the_schema_and_migrating_again_changes_nothing()
    {
        await using var store = fixture.CreateStore("schema_" + Guid.NewGuid().ToString("N")[..8]);
        var schema = store.Services.GetRequiredService<IStorageSchema>();

        var first = await schema.MigrateAsync();
        var second = await schema.MigrateAsync();

        first.Should().Be(new StorageSchemaVersion(0, first.Current));
        first.Current.Should().BeGreaterThan(0);
        second.Should().Be(new StorageSchemaVersion(first.Current, first.Current));
    }

    [Fact]
    public async Task Upgrading_a_database_from_version_10_counts_the_events_it_already_holds()
    {
        var file = Path.Combine(Path.GetTempPath(), $"smsoptout-v10-{Guid.NewGuid():N}.db");
        var day = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);"
                + string.Concat(Internal.SqliteSchema.Migrations.Where(m => m.Version <= 10).Select(m => m.Sql + $"INSERT INTO schema_migrations VALUES ({m.Version}, 0);"))
                + string.Concat(Enumerable.Range(0, 3).Select(i => $"""
                    INSERT INTO consent_events (event_id, account, number, kind, source, scope, occurred_at, recorded_at)
                    VALUES ('e{i}', 'acme', {12125550100 + i}, 1, {(i == 0 ? 1 : 2)}, 1, {day.UtcTicks}, {day.UtcTicks + i});
                    """));
            command.ExecuteNonQuery();
        }

        var services = new ServiceCollection();
        services.AddSmsOptOut().UseSqlite($"Data Source={file}");
        await using var provider = services.BuildServiceProvider();
        var migrated = await provider.GetRequiredService<IStorageSchema>().MigrateAsync();
        var counts = await provider.GetRequiredService<SmsOptOut.Reports.IConsentStatistics>().CountByDayAsync(new Consent.AccountId("acme"), DateOnly.FromDateTime(day.UtcDateTime), DateOnly.FromDateTime(day.UtcDateTime));

        migrated.Found.Should().Be(10);
        counts.Select(c => (c.Source, c.Count)).Should().Equal((Consent.OptOutSource.OptOutLink, 1L), (Consent.OptOutSource.Keyword, 2L));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    [Fact]
    public void A_storage_chosen_after_SQLite_takes_its_schema_service_away()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut().UseSqlite("Data Source=unused.db").UseInMemory();
        using var provider = services.BuildServiceProvider();

        provider.GetService<IStorageSchema>().Should().BeNull("the last storage chosen replaces every storage service, the optional ones too");
    }
}
