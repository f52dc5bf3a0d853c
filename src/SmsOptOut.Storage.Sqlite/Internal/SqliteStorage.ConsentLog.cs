using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>The tamper-evident consent log (<see cref="IConsentLogStore"/>): written by the apply transaction, read here.</summary>
internal sealed partial class SqliteStorage : IConsentLogStore
{
    private static readonly string JoinedEventColumns = string.Join(", ", EventColumns.Split(", ").Select(c => "e." + c));

    public async Task<long> GetLogSizeAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, "SELECT COALESCE(MAX(log_index) + 1, 0) FROM consent_log WHERE account = $account;");
            command.Parameters.AddWithValue("$account", account.Value);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    public async Task<IReadOnlyList<ConsentLogEntry>> ReadLogAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidatePage(account, limit);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        return await ReadEntriesAsync(account, "l.log_index >= $from ORDER BY l.log_index LIMIT $limit", c =>
        {
            c.Parameters.AddWithValue("$from", from);
            c.Parameters.AddWithValue("$limit", limit);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConsentLogEntry?> FindLogEntryAsync(AccountId account, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return (await ReadEntriesAsync(account, "l.event_id = $event", c => c.Parameters.AddWithValue("$event", eventId), cancellationToken).ConfigureAwait(false))
            .SingleOrDefault();
    }

    public Task AddCheckpointAsync(AccountId account, ConsentCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        StoreArguments.ValidateAccount(account);
        if (checkpoint.Origin != ConsentCheckpoint.OriginOf(account))
        {
            throw new ArgumentException($"The checkpoint of {checkpoint.Origin} is not one of account '{account.Value}''s log.", nameof(checkpoint));
        }

        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT OR IGNORE INTO consent_checkpoints (account, tree_size, time, root, key_id, signature) VALUES ($account, $size, $time, $root, $key, $signature);
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$size", checkpoint.TreeSize);
            command.Parameters.AddWithValue("$time", Ticks(checkpoint.Time));
            command.Parameters.AddWithValue("$root", checkpoint.RootHash);
            command.Parameters.AddWithValue("$key", checkpoint.KeyId);
            command.Parameters.AddWithValue("$signature", checkpoint.Signature);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<ConsentCheckpoint?> GetLatestCheckpointAsync(AccountId account, CancellationToken cancellationToken = default) =>
        await ReadCheckpointsAsync(account, "ORDER BY tree_size DESC, time DESC LIMIT 1", cancellationToken).ConfigureAwait(false) is [var latest, ..] ? latest : null;

    public Task<IReadOnlyList<ConsentCheckpoint>> GetCheckpointsAsync(AccountId account, CancellationToken cancellationToken = default) =>
        ReadCheckpointsAsync(account, "ORDER BY tree_size, time", cancellationToken);

    private async Task<IReadOnlyList<ConsentCheckpoint>> ReadCheckpointsAsync(AccountId account, string order, CancellationToken cancellationToken)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, $"SELECT tree_size, time, root, key_id, signature FROM consent_checkpoints WHERE account = $account {order};");
            command.Parameters.AddWithValue("$account", account.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var checkpoints = new List<ConsentCheckpoint>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                checkpoints.Add(new ConsentCheckpoint(ConsentCheckpoint.OriginOf(account), reader.GetInt64(0), (byte[])reader.GetValue(2), Instant(reader.GetInt64(1)),
                    reader.GetString(3), (byte[])reader.GetValue(4)));
            }

            return checkpoints;
        }
    }

    private async Task<IReadOnlyList<ConsentLogEntry>> ReadEntriesAsync(AccountId account, string where, Action<SqliteCommand> parameters, CancellationToken cancellationToken)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, $"""
                SELECT {JoinedEventColumns}, e.salt, l.log_index, l.leaf, l.event_id FROM consent_log AS l
                LEFT JOIN consent_events AS e ON e.account = l.account AND e.event_id = l.event_id
                WHERE l.account = $account AND {where};
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            parameters(command);
            var entries = new List<ConsentLogEntry>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var found = !reader.IsDBNull(0);
                entries.Add(new ConsentLogEntry(reader.GetInt64(14), (byte[])reader.GetValue(15), reader.IsDBNull(16) ? null : reader.GetString(16),
                    found ? ReadEvent(reader) : null, found && !reader.IsDBNull(13) ? (byte[])reader.GetValue(13) : null));
            }

            return entries;
        }
    }
}
