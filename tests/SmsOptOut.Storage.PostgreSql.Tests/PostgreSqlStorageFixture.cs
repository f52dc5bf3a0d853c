using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;
using SmsOptOut.Tests.Infrastructure;

namespace SmsOptOut.Storage.PostgreSql.Tests;

/// <summary>A throwaway PostgreSQL server for the run; one schema per test store.</summary>
public sealed class PostgreSqlStorageFixture : StorageFixture
{
    public string ConnectionString { get; private set; } = string.Empty;

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) =>
        builder.UsePostgreSql(o =>
        {
            o.ConnectionString = ConnectionString;
            o.Schema = isolationKey;
        });

    public override async Task<bool> TamperAsync(string isolationKey, SmsOptOut.Consent.AccountId account, string eventId, Tampering tampering)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var schema = "\"" + isolationKey + "\"";
        async Task<object?> RunAsync(string sql, params object[] values)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql.Replace("{schema}", schema, StringComparison.Ordinal), connection);
            foreach (var value in values)
            {
                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
            }

            return await command.ExecuteScalarAsync();
        }

        switch (tampering)
        {
            case Tampering.EditNote:
                await RunAsync("UPDATE {schema}.consent_events SET evidence = jsonb_set(evidence, '{note}', '\"consented at the counter\"') WHERE account = $1 AND event_id = $2;", account.Value, eventId);
                break;
            case Tampering.BackDate:
                await RunAsync("UPDATE {schema}.consent_events SET occurred_at = occurred_at - interval '1 second' WHERE account = $1 AND event_id = $2;", account.Value, eventId);
                break;
            case Tampering.DeleteEvent:
                await RunAsync("DELETE FROM {schema}.consent_events WHERE account = $1 AND event_id = $2;", account.Value, eventId);
                break;
            case Tampering.EditNumber:
                await RunAsync("UPDATE {schema}.consent_events SET number = number + 1 WHERE account = $1 AND event_id = $2;", account.Value, eventId);
                break;
            case Tampering.RemoveSaltAndEditNumber:
                await RunAsync("UPDATE {schema}.consent_events SET salt = NULL, evidence = NULL, number = number + 1 WHERE account = $1 AND event_id = $2;", account.Value, eventId);
                break;
            case Tampering.UnreadableRecord:
                await RunAsync("UPDATE {schema}.consent_events SET number = 0 WHERE account = $1 AND event_id = $2;", account.Value, eventId);
                break;
            case Tampering.DeleteAsAnErasure:
                await RunAsync("DELETE FROM {schema}.consent_events WHERE account = $1 AND event_id = $2;", account.Value, eventId);
                await RunAsync("UPDATE {schema}.consent_log SET event_id = NULL WHERE account = $1 AND event_id = $2;", account.Value, eventId);
                break;
            case Tampering.EditErasureRecord:
                await RunAsync("UPDATE {schema}.erasures SET reason = 'asked to leave' WHERE account = $1;", account.Value);
                break;
            case Tampering.UnlogErasures:
                await RunAsync("DELETE FROM {schema}.consent_log WHERE account = $1 AND log_index IN (SELECT log_index FROM {schema}.erasures WHERE account = $1 AND log_index IS NOT NULL);", account.Value);
                await RunAsync("UPDATE {schema}.erasures SET log_index = NULL, leaves = NULL WHERE account = $1;", account.Value);
                await RunAsync("UPDATE {schema}.consent_log_backfill SET erasures_listed = false;");
                break;
            case Tampering.ForgeErasureRecord:
                await RunAsync("""
                    INSERT INTO {schema}.erasures (account, request_id, reason, erased_at, events, suppressions, tokens, webhooks, replies, log_index, leaves)
                    SELECT $1, 'ticket-forged', 'asked', now(), 0, 0, 0, 0, 0, log_index, '{}' FROM {schema}.consent_log WHERE account = $1 AND event_id = $2;
                    """, account.Value, eventId);
                break;
            case Tampering.MarkNotUpgraded:
                await RunAsync("UPDATE {schema}.consent_log_backfill SET erasures_listed = false;");
                break;
            case Tampering.DeleteErasureRecord:
                await RunAsync("DELETE FROM {schema}.erasures WHERE account = $1;", account.Value);
                break;
            case Tampering.EditNoteAndBackDate:
                await RunAsync("UPDATE {schema}.consent_events SET evidence = jsonb_set(evidence, '{note}', '\"consented at the counter\"'), occurred_at = occurred_at - interval '1 second' WHERE account = $1 AND event_id = $2;", account.Value, eventId);
                break;
            default:
                var at = (long)(await RunAsync("SELECT log_index FROM {schema}.consent_log WHERE account = $1 AND event_id = $2;", account.Value, eventId))!;
                foreach (var (from, to) in new[] { (at, -1L), (at + 1, at), (-1L, at + 1) })
                {
                    await RunAsync("UPDATE {schema}.consent_log SET log_index = $3 WHERE account = $1 AND log_index = $2;", account.Value, from, to);
                }

                break;
        }

        return true;
    }

    public override StorageCapabilities Capabilities => base.Capabilities | StorageCapabilities.SuppressionSnapshot;

    public override void ConfigureSuppressionSnapshot(IServiceCollection services, bool enabled, long maxNumbers) =>
        services.Configure<PostgreSqlStorageOptions>(o => (o.SuppressionSnapshot, o.MaxSnapshotNumbers) = (enabled, maxNumbers));

    public override IReadOnlyDictionary<string, string> GetWorkerSettings() => new Dictionary<string, string> { ["connectionString"] = ConnectionString };

    public override void InitializeWorker(IReadOnlyDictionary<string, string> settings) => ConnectionString = settings["connectionString"];

    public override async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        UnavailableReason = server.UnavailableReason;
        ConnectionString = server.ConnectionString;
    }
}
