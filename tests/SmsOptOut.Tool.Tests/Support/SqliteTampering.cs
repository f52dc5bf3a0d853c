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
}
