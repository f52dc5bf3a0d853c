using Microsoft.Data.Sqlite;

namespace SmsOptOut.Tool.Tests.Support;

/// <summary>Edits a stored consent event behind the store's back, as someone with the database file could: the log must then no longer verify.</summary>
internal static class SqliteTampering
{
    /// <summary>Sets the evidence note of event <paramref name="eventId"/> in the SQLite file at <paramref name="path"/> to <paramref name="note"/>.</summary>
    public static async Task EditNoteAsync(string path, string eventId, string note)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE consent_events SET evidence = json_set(evidence, '$.note', $note) WHERE event_id = $id;";
        update.Parameters.AddWithValue("$id", eventId);
        update.Parameters.AddWithValue("$note", note);
        (await update.ExecuteNonQueryAsync()).Should().Be(1, "the event is stored");
    }

    /// <summary>
    /// Cuts the last event of <paramref name="account"/>'s log in the SQLite file at <paramref name="path"/>: its leaf,
    /// its record and every checkpoint the store kept, so the log that remains verifies by itself; only a checkpoint held
    /// elsewhere still shows it was cut.
    /// </summary>
    public static async Task CutLastEventAsync(string path, string account)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var delete = connection.CreateCommand();
        delete.CommandText = """
            DELETE FROM consent_events WHERE account = $account
                AND event_id = (SELECT event_id FROM consent_log WHERE account = $account ORDER BY log_index DESC LIMIT 1);
            DELETE FROM consent_log WHERE account = $account AND log_index = (SELECT MAX(log_index) FROM consent_log WHERE account = $account);
            DELETE FROM consent_checkpoints WHERE account = $account;
            """;
        delete.Parameters.AddWithValue("$account", account);
        (await delete.ExecuteNonQueryAsync()).Should().BeGreaterThan(2, "an event, its leaf and at least one checkpoint are removed");
    }
}
