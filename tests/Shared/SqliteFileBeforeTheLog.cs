using Microsoft.Data.Sqlite;
using SmsOptOut.Storage.Sqlite.Internal;

namespace SmsOptOut.Tests.Infrastructure;

/// <summary>
/// A SQLite file from before the consent log (schema 17, docs/evidence.md "Events recorded before the log"), for the tests
/// of the one-time backfill: the store's own (SmsOptOut.Storage.Sqlite.Tests) and the tool's verify (SmsOptOut.Tool.Tests).
/// It holds two accounts (a row each, as the store wrote them) and their events: acme's <see cref="Acme"/> and globex's
/// <see cref="Globex"/> kept, in that order; one of acme's erased then (its row deleted); <c>evt_minimized</c> with its
/// evidence minimized by retention; times with every tick, a pause with an end.
/// </summary>
internal static class SqliteFileBeforeTheLog
{
    /// <summary>The events of acme the file keeps, in the order it recorded them.</summary>
    public static readonly string[] Acme = ["evt_a1", "evt_a2", "evt_minimized", "evt_a3"];

    /// <summary>The events of globex the file keeps.</summary>
    public static readonly string[] Globex = ["evt_g1"];

    /// <summary>Creates the file at <paramref name="file"/>; the store migrates it (and backfills the log) when it is opened.</summary>
    public static async Task CreateAsync(string file)
    {
        var migrations = SqliteSchema.Migrations.Where(m => m.Version <= 17).ToArray();
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = string.Concat(migrations.Select(m => m.Sql)) + $"""
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
            INSERT INTO schema_migrations VALUES {string.Join(", ", migrations.Select(m => $"({m.Version}, 0)"))};
            INSERT INTO accounts (name) VALUES ('acme'), ('globex');
            INSERT INTO consent_events (account, event_id, number, kind, source, scope, list, campaign, occurred_at, recorded_at, evidence, paused_until, reverts) VALUES
                ('acme', 'evt_a1', 14155552671, 1, 2, 1, NULL, NULL, 638700000000000001, 638700000000000123, '{"{"}"note":"STOP ✋ «Arrêt»"{"}"}', NULL, NULL),
                ('globex', 'evt_g1', 14155552671, 1, 3, 1, NULL, NULL, 638700000100000000, 638700000100000000, NULL, NULL, NULL),
                ('acme', 'evt_erased', 14155552673, 1, 2, 1, NULL, NULL, 638700000200000000, 638700000200000000, '{"{"}"note":"erased"{"}"}', NULL, NULL),
                ('acme', 'evt_a2', 14155552672, 1, 1, 2, 'news', 'spring', 638700000300000000, 638700000300000007, NULL, 638800000000000000, NULL),
                ('acme', 'evt_minimized', 14155552674, 1, 2, 1, NULL, NULL, 638700000400000000, 638700000400000000, NULL, NULL, NULL),
                ('acme', 'evt_a3', 14155552671, 2, 2, 1, NULL, NULL, 638700000500000000, 638700000500000000, '{"{"}"note":"START"{"}"}', NULL, NULL);
            DELETE FROM consent_events WHERE event_id = 'evt_erased';
            INSERT INTO retention_state (id, minimized_until) VALUES (1, 5);
            """;
        await command.ExecuteNonQueryAsync();
    }
}
