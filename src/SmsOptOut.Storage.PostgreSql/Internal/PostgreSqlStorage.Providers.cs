using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Providers;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// The replay guard of provider webhooks and the reconciliation checkpoints. Using a one-time value is one
/// <c>INSERT … ON CONFLICT … DO UPDATE … WHERE</c>: it inserts the value, or takes over a row whose expiry has passed
/// (judged on the store's clock, passed in). Of several instances using one value at once, the first inserts and the
/// others wait for its row lock, then find a fresh row and change nothing — no row comes back: a replay.
/// </summary>
internal sealed partial class PostgreSqlStorage
{
    public ValueTask<bool> TryUseAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        WebhookReplayGuardArguments.ValidateReplayKey(key);
        return new(_database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                INSERT INTO {schema}.webhook_replay AS r (key, expires_at) VALUES ($1, $2)
                ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE r.expires_at <= $3
                RETURNING true;
                """);
            Add(command, key);
            Add(command, Utc(expiresAt));
            Add(command, Utc(timeProvider.GetUtcNow()));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }, cancellationToken));
    }

    public async ValueTask ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, "DELETE FROM {schema}.webhook_replay WHERE key = $1;");
            Add(command, key);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return new(_database.WriteAsync(async (connection, transaction) =>
        {
            // Instances purging at once skip each other's rows; the outer condition is checked again on a row a
            // concurrent use has just taken over with a new expiry, so such a row is kept.
            using var command = _database.Command(connection, transaction, """
                DELETE FROM {schema}.webhook_replay
                WHERE key IN (SELECT key FROM {schema}.webhook_replay WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED) AND expires_at <= $1;
                """);
            Add(command, Utc(now));
            Add(command, limit);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken));
    }

    public async Task<string?> GetCheckpointAsync(AccountId account, string provider, CancellationToken cancellationToken = default)
    {
        ReconciliationCheckpointArguments.ValidateCheckpointKey(account, provider);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, "SELECT checkpoint FROM {schema}.reconciliation_checkpoints WHERE account = $1 AND provider = $2;");
            Add(command, account.Value);
            Add(command, provider);
            return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task SaveCheckpointAsync(AccountId account, string provider, string checkpoint, DateTimeOffset savedAt, CancellationToken cancellationToken = default)
    {
        ReconciliationCheckpointArguments.ValidateCheckpoint(account, provider, checkpoint);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                INSERT INTO {schema}.reconciliation_checkpoints (account, provider, checkpoint, saved_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (account, provider) DO UPDATE SET checkpoint = excluded.checkpoint, saved_at = excluded.saved_at;
                """);
            Add(command, account.Value);
            Add(command, provider);
            Add(command, checkpoint);
            Add(command, Utc(savedAt));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async IAsyncEnumerable<StoredReconciliationCheckpoint> ListCheckpointsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, "SELECT account, provider, checkpoint, saved_at FROM {schema}.reconciliation_checkpoints;");
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new StoredReconciliationCheckpoint(new AccountId(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
            }
        }
    }
}
