using Microsoft.Data.Sqlite;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>
/// The commands of one write transaction, kept by their SQL: each is compiled once (with the triggers it fires) and run
/// again with new parameters, instead of compiled for every event of a batch.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    public SqliteTransaction Transaction => transaction;

    /// <summary>
    /// The next consent-log index of each account this transaction wrote a leaf for: the apply reads an account's
    /// largest index once per transaction, not once per event (the transaction holds the write lock, and the log's
    /// primary key refuses an index twice).
    /// </summary>
    public Dictionary<string, long> NextLogIndexes { get; } = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, without parameters; owned by this object (do not dispose it).</summary>
    public SqliteCommand Get(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        command = SqliteDatabase.Command(connection, transaction, sql);
        _commands.Add(sql, command);
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
