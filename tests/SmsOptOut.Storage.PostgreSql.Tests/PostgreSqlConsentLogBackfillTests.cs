using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Storage.ConformanceTests.Evidence;
using SmsOptOut.Storage.PostgreSql.Internal;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>
/// A schema from before the consent log (version 17) gets a leaf for each event it kept, once, on the first start after
/// the upgrade (docs/evidence.md): a cancelled start is continued, a second start adds nothing, two at once add each once.
/// </summary>
public sealed class PostgreSqlConsentLogBackfillTests(PostgreSqlStorageFixture fixture) : IClassFixture<PostgreSqlStorageFixture>
{
    [SkippableFact]
    public async Task A_version_17_schema_gets_each_kept_event_in_the_log_once_across_a_cancelled_start_and_two_instances()
    {
        fixture.ThrowIfUnavailable();
        var schema = "bf_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);"
            + string.Concat(PostgreSqlSchema.Migrations.Where(m => m.Version <= 17)
                .Select(m => string.Format(System.Globalization.CultureInfo.InvariantCulture, m.Sql, schema) + $"INSERT INTO {schema}.schema_migrations VALUES ({m.Version}, now());"))
            + $$"""
                INSERT INTO {{schema}}.consent_events (account, event_id, number, kind, source, scope, list, campaign, occurred_at, recorded_at, evidence, paused_until, reverts) VALUES
                    ('acme', 'evt_a1', 14155552671, 1, 2, 1, NULL, NULL, '2024-12-01 09:30:00.123456+00', '2024-12-01 09:30:00.654321+00', '{"note":"STOP ✋ «Arrêt»"}', NULL, NULL),
                    ('globex', 'evt_g1', 14155552671, 1, 3, 1, NULL, NULL, '2024-12-02 09:30:00+00', '2024-12-02 09:30:00+00', NULL, NULL, NULL),
                    ('acme', 'evt_erased', 14155552673, 1, 2, 1, NULL, NULL, '2024-12-03 09:30:00+00', '2024-12-03 09:30:00+00', '{"note":"erased"}', NULL, NULL),
                    ('acme', 'evt_a2', 14155552672, 1, 1, 2, 'news', 'spring', '2024-12-04 09:30:00+00', '2024-12-04 09:30:00.000007+00', NULL, '2025-01-04 09:30:00+00', NULL),
                    ('acme', 'evt_minimized', 14155552674, 1, 2, 1, NULL, NULL, '2024-12-05 09:30:00+00', '2024-12-05 09:30:00+00', NULL, NULL, NULL),
                    ('acme', 'evt_a3', 14155552671, 2, 2, 1, NULL, NULL, '2024-12-06 09:30:00+00', '2024-12-06 09:30:00+00', '{"note":"START"}', NULL, NULL);
                DELETE FROM {{schema}}.consent_events WHERE event_id = 'evt_erased';
                """);

        using var cancel = new CancellationTokenSource();
        await using (var first = fixture.CreateStore(schema))
        {
            var database = Storage(first.Services).Database;
            database.DataStepBatchSize = 2;
            database.DataStepBatchCommitted = cancel.Cancel;
            var start = () => first.Services.GetRequiredService<IStorageSchema>().MigrateAsync(cancel.Token);
            await start.Should().ThrowAsync<OperationCanceledException>();
        }

        (await ScalarAsync($"SELECT count(*) FROM {schema}.consent_log;")).Should().Be(2, "the first batch committed before the stop");
        await using var one = fixture.CreateStore(schema);
        await using var two = fixture.CreateStore(schema);
        Storage(one.Services).Database.DataStepBatchSize = 1;
        Storage(two.Services).Database.DataStepBatchSize = 1;
        await Task.WhenAll(one.Services.GetRequiredService<IStorageSchema>().MigrateAsync(), two.Services.GetRequiredService<IStorageSchema>().MigrateAsync());

        await BackfilledLog.ShouldHoldAsync(one.Services, new AccountId("acme"), "evt_a1", "evt_a2", "evt_minimized", "evt_a3");
        await BackfilledLog.ShouldHoldAsync(two.Services, new AccountId("globex"), "evt_g1");
        await using (var again = fixture.CreateStore(schema))
        {
            await again.Services.GetRequiredService<IStorageSchema>().MigrateAsync();
        }

        (await ScalarAsync($"SELECT count(*) FROM {schema}.consent_log;")).Should().Be(5, "a later start adds nothing");
    }

    private static PostgreSqlStorage Storage(IServiceProvider services) => (PostgreSqlStorage)services.GetRequiredService<ISuppressionStore>();

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
