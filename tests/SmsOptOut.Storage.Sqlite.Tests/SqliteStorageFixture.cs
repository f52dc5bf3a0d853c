using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Storage.ConformanceTests.Support;

namespace SmsOptOut.Storage.Sqlite.Tests;

/// <summary>One real SQLite file per test store, in a folder deleted when the fixture is done.</summary>
public sealed class SqliteStorageFixture : StorageFixture
{
    public string Folder { get; private set; } = Path.Combine(Path.GetTempPath(), "smsoptout-sqlite-" + Guid.NewGuid().ToString("N")[..8]);

    public string PathFor(string isolationKey) => Path.Combine(Folder, isolationKey + ".db");

    public override void UseStorage(ISmsOptOutBuilder builder, string isolationKey) =>
        builder.UseSqlite($"Data Source={PathFor(isolationKey)}", o => o.Synchronous = SqliteSynchronous.Normal);

    public override async Task<bool> TamperAsync(string isolationKey, SmsOptOut.Consent.AccountId account, string eventId, Tampering tampering)
    {
        var sql = tampering switch
        {
            Tampering.EditNote => "UPDATE consent_events SET evidence = json_set(evidence, '$.note', 'consented at the counter') WHERE account = $account AND event_id = $event;",
            Tampering.BackDate => "UPDATE consent_events SET occurred_at = occurred_at - 10000000 WHERE account = $account AND event_id = $event;",
            Tampering.DeleteEvent => "DELETE FROM consent_events WHERE account = $account AND event_id = $event;",
            Tampering.EditNumber => "UPDATE consent_events SET number = number + 1 WHERE account = $account AND event_id = $event;",
            Tampering.RemoveSaltAndEditNumber => "UPDATE consent_events SET salt = NULL, evidence = NULL, number = number + 1 WHERE account = $account AND event_id = $event;",
            Tampering.UnreadableRecord => "UPDATE consent_events SET evidence = '{not json' WHERE account = $account AND event_id = $event;",
            Tampering.DeleteAsAnErasure => """
                DELETE FROM consent_events WHERE account = $account AND event_id = $event;
                UPDATE consent_log SET event_id = NULL WHERE account = $account AND event_id = $event;
                """,
            Tampering.EditErasureRecord => "UPDATE erasures SET reason = 'asked to leave' WHERE account = $account;",
            Tampering.DeleteErasureRecord => "DELETE FROM erasures WHERE account = $account;",
            Tampering.MarkNotUpgraded => "UPDATE consent_log_backfill SET erasures_listed = 0 WHERE $account IS NOT NULL;",
            Tampering.ForgeErasureRecord => """
                INSERT INTO erasures (account, request_id, reason, erased_at, events, suppressions, tokens, webhooks, replies, log_index, leaves)
                VALUES ($account, 'ticket-forged', 'asked', 0, 0, 0, 0, 0, 0, $at, '');
                """,
            Tampering.UnlogErasures => """
                DELETE FROM consent_log WHERE account = $account AND log_index IN (SELECT log_index FROM erasures WHERE account = $account AND log_index IS NOT NULL);
                UPDATE erasures SET log_index = NULL, leaves = NULL WHERE account = $account;
                UPDATE consent_log_backfill SET erasures_listed = 0;
                """,
            Tampering.EditNoteAndBackDate => """
                UPDATE consent_events SET evidence = json_set(evidence, '$.note', 'consented at the counter'), occurred_at = occurred_at - 10000000
                WHERE account = $account AND event_id = $event;
                """,
            _ => """
                UPDATE consent_log SET log_index = -1 WHERE account = $account AND log_index = $at;
                UPDATE consent_log SET log_index = $at WHERE account = $account AND log_index = $at + 1;
                UPDATE consent_log SET log_index = $at + 1 WHERE account = $account AND log_index = -1;
                """,
        };

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={PathFor(isolationKey)};Pooling=False");
        await connection.OpenAsync();
        await using var at = connection.CreateCommand();
        at.CommandText = "SELECT log_index FROM consent_log WHERE account = $account AND event_id = $event;";
        at.Parameters.AddWithValue("$account", account.Value);
        at.Parameters.AddWithValue("$event", eventId);
        var index = await at.ExecuteScalarAsync() is long found ? found : -1;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$account", account.Value);
        command.Parameters.AddWithValue("$event", eventId);
        command.Parameters.AddWithValue("$at", index);
        return await command.ExecuteNonQueryAsync() > 0;
    }

    public override StorageCapabilities Capabilities => base.Capabilities | StorageCapabilities.SuppressionSnapshot;

    public override void ConfigureSuppressionSnapshot(IServiceCollection services, bool enabled, long maxNumbers) =>
        services.Configure<SqliteStorageOptions>(o => (o.SuppressionSnapshot, o.MaxSnapshotNumbers) = (enabled, maxNumbers));

    public override IReadOnlyDictionary<string, string> GetWorkerSettings() => new Dictionary<string, string> { ["folder"] = Folder };

    public override void InitializeWorker(IReadOnlyDictionary<string, string> settings) => Folder = settings["folder"];

    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a test host that is going away; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }
}
