using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Providers;
using SmsOptOut.Storage.PostgreSql.Internal;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>A schema written by an older version is migrated in place, keeping its data.</summary>
public sealed class PostgreSqlMigrationTests(PostgreSqlStorageFixture fixture) : IClassFixture<PostgreSqlStorageFixture>
{
    [SkippableFact]
    public async Task A_version_13_schema_gains_the_listing_indexes_and_lists_its_suppressions_newest_first()
    {
        fixture.ThrowIfUnavailable();
        var schema = "mig_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);"
            + string.Concat(PostgreSqlSchema.Migrations.Where(m => m.Version <= 13)
                .Select(m => string.Format(System.Globalization.CultureInfo.InvariantCulture, m.Sql, schema) + $"INSERT INTO {schema}.schema_migrations VALUES ({m.Version}, now());"))
            + $"""
                INSERT INTO {schema}.suppressions (account, number, list_key, since, source, event_id) VALUES
                    ('acme', 14155552671, '', now() - interval '3 days', 2, 'evt_old'), ('acme', 14155552672, 'news', now() - interval '1 day', 4, 'evt_new'),
                    ('acme', 14155552673, '', now() - interval '2 days', 4, 'evt_mid');
                """);

        await using var store = fixture.CreateStore(schema);
        var migrated = await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync();
        var listing = store.Services.GetRequiredService<ISuppressionListing>();
        var all = await listing.ListSuppressedAsync(new AccountId("acme"), SuppressionFilter.None, SuppressionListCursor.Start, 10);
        var imports = await listing.ListSuppressedAsync(new AccountId("acme"),
            new SuppressionFilter { Source = OptOutSource.Import, Scope = SuppressionScope.Account }, SuppressionListCursor.Start, 10);

        migrated.Should().Be(new StorageSchemaVersion(13, PostgreSqlSchema.Migrations[^1].Version));
        all.Select(e => e.EventId).Should().Equal("evt_new", "evt_mid", "evt_old");
        imports.Select(e => e.EventId).Should().Equal("evt_mid");
        (await ScalarAsync($"SELECT count(*) FROM pg_indexes WHERE schemaname = '{schema}' AND indexname IN ('ix_suppressions_since', 'ix_suppressions_source', 'ix_suppressions_list');"))
            .Should().Be(3);
    }

    [SkippableFact]
    public async Task A_version_12_schema_gains_the_replay_guard_and_checkpoints_in_place_and_keeps_its_opt_outs()
    {
        fixture.ThrowIfUnavailable();
        var schema = "mig_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);"
            + string.Concat(PostgreSqlSchema.Migrations.Where(m => m.Version <= 12)
                .Select(m => string.Format(System.Globalization.CultureInfo.InvariantCulture, m.Sql, schema) + $"INSERT INTO {schema}.schema_migrations VALUES ({m.Version}, now());"))
            + $"INSERT INTO {schema}.suppressions (account, number, list_key, since, source, event_id) VALUES ('acme', 14155552671, '', now(), 2, 'evt_old');");

        await using var store = fixture.CreateStore(schema);
        var migrated = await store.Services.GetRequiredService<IStorageSchema>().MigrateAsync();
        var until = store.Time.GetUtcNow().AddHours(1);
        var first = await store.ReplayGuard.TryUseAsync("plivo:nonce-after-upgrade", until);
        var replay = await store.ReplayGuard.TryUseAsync("plivo:nonce-after-upgrade", until);
        await store.Checkpoints.SaveCheckpointAsync(new AccountId("acme"), "telnyx", "{\"through\":1}", store.Time.GetUtcNow());

        migrated.Should().Be(new StorageSchemaVersion(12, PostgreSqlSchema.Migrations[^1].Version));
        (first, replay).Should().Be((true, false));
        (await store.Services.GetRequiredService<ISuppressionStore>().IsSuppressedAsync(new AccountId("acme"), Numbers.PhoneNumber.Parse("+14155552671"))).Should().BeTrue();
        (await ScalarAsync($"SELECT count(*) FROM {schema}.webhook_replay WHERE key = 'plivo:nonce-after-upgrade';")).Should().Be(1, "the value is kept in the database, not in process memory");
        (await ScalarAsync($"SELECT count(*) FROM {schema}.reconciliation_checkpoints WHERE account = 'acme' AND provider = 'telnyx';")).Should().Be(1);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
