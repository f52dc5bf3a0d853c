using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Providers;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>
/// The replay guard of provider webhooks and the reconciliation checkpoints. Using a one-time value is one upsert in a
/// write transaction: it inserts the value, or takes over a row whose expiry has passed; a row still fresh is left
/// alone and the statement changes nothing — a replay. SQLite has one writer at a time, so of several processes
/// using one value at once exactly one changes a row.
/// </summary>
internal sealed partial class SqliteStorage
{
    public ValueTask<bool> TryUseAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        WebhookReplayGuardArguments.ValidateReplayKey(key);
        return new(_database.WriteAsync(async (connection, transaction) =>
        {
            // Read the clock inside the transaction: a writer that waited for the lock judges expiry when it writes.
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT INTO webhook_replay (key, expires_at) VALUES ($key, $expires)
                ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE webhook_replay.expires_at <= $now;
                """);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$expires", Ticks(expiresAt));
            command.Parameters.AddWithValue("$now", Ticks(_timeProvider.GetUtcNow()));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken));
    }

    public async ValueTask ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, "DELETE FROM webhook_replay WHERE key = $key;");
            command.Parameters.AddWithValue("$key", key);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return new(_database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction,
                "DELETE FROM webhook_replay WHERE key IN (SELECT key FROM webhook_replay WHERE expires_at <= $now LIMIT $limit);");
            command.Parameters.AddWithValue("$now", Ticks(now));
            command.Parameters.AddWithValue("$limit", limit);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken));
    }

    public async Task<string?> GetCheckpointAsync(AccountId account, string provider, CancellationToken cancellationToken = default)
    {
        ReconciliationCheckpointArguments.ValidateCheckpointKey(account, provider);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                "SELECT checkpoint FROM reconciliation_checkpoints WHERE account = $account AND provider = $provider;");
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$provider", provider);
            return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task SaveCheckpointAsync(AccountId account, string provider, string checkpoint, DateTimeOffset savedAt, CancellationToken cancellationToken = default)
    {
        ReconciliationCheckpointArguments.ValidateCheckpoint(account, provider, checkpoint);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT INTO reconciliation_checkpoints (account, provider, checkpoint, saved_at) VALUES ($account, $provider, $checkpoint, $saved)
                ON CONFLICT (account, provider) DO UPDATE SET checkpoint = excluded.checkpoint, saved_at = excluded.saved_at;
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$provider", provider);
            command.Parameters.AddWithValue("$checkpoint", checkpoint);
            command.Parameters.AddWithValue("$saved", Ticks(savedAt));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async IAsyncEnumerable<StoredReconciliationCheckpoint> ListCheckpointsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, "SELECT account, provider, checkpoint, saved_at FROM reconciliation_checkpoints;");
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new StoredReconciliationCheckpoint(new AccountId(reader.GetString(0)), reader.GetString(1), reader.GetString(2), Instant(reader.GetInt64(3)));
            }
        }
    }
}
