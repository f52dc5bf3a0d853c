using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.Sqlite.Internal;

internal sealed partial class SqliteStorage
{
    private const string OutboxColumns =
        "id, account, list, event_id, payload, created_at, next_attempt_at, attempts, state, last_error, last_attempt_at, lease_owner, lease_expires_at, target";

    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        WebhookOutboxArguments.ValidateClaim(owner, lease, limit);
        return _database.WriteAsync<IReadOnlyList<OutboxMessage>>(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, $"""
                UPDATE webhook_outbox SET lease_owner = $owner, lease_expires_at = $expires
                WHERE id IN (
                    SELECT id FROM webhook_outbox
                    WHERE state = 0 AND next_attempt_at <= $now AND (lease_expires_at IS NULL OR lease_expires_at <= $now)
                    ORDER BY next_attempt_at, id LIMIT $limit)
                RETURNING {OutboxColumns};
                """);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$expires", Ticks(now + lease));
            command.Parameters.AddWithValue("$now", Ticks(now));
            command.Parameters.AddWithValue("$limit", limit);
            var claimed = await ReadMessagesAsync(command, cancellationToken).ConfigureAwait(false);
            claimed.Sort(static (a, b) => a.NextAttemptAt != b.NextAttemptAt ? a.NextAttemptAt.CompareTo(b.NextAttemptAt) : string.CompareOrdinal(a.Id, b.Id));
            return claimed;
        }, cancellationToken);
    }

    public Task<bool> RecordAttemptAsync(OutboxAttempt attempt, CancellationToken cancellationToken = default)
    {
        WebhookOutboxArguments.Validate(attempt);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                UPDATE webhook_outbox
                SET state = $state, attempts = $attempts, next_attempt_at = $next, last_attempt_at = $at, last_error = $error,
                    lease_owner = NULL, lease_expires_at = NULL
                WHERE id = $id AND lease_owner = $owner AND state = 0;
                """);
            command.Parameters.AddWithValue("$state", (int)attempt.State);
            command.Parameters.AddWithValue("$attempts", attempt.Attempts);
            command.Parameters.AddWithValue("$next", Ticks(attempt.NextAttemptAt));
            command.Parameters.AddWithValue("$at", Ticks(attempt.AttemptedAt));
            command.Parameters.AddWithValue("$error", Nullable(attempt.Error));
            command.Parameters.AddWithValue("$id", attempt.MessageId);
            command.Parameters.AddWithValue("$owner", attempt.LeaseOwner);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public async Task<OutboxMessage?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, $"SELECT {OutboxColumns} FROM webhook_outbox WHERE id = $id;");
            command.Parameters.AddWithValue("$id", messageId);
            return (await ReadMessagesAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        }
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetRecentAttemptsAsync(AccountId account, int limit, CancellationToken cancellationToken = default)
    {
        WebhookDeliveryHistoryArguments.ValidateRecent(account, limit);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                $"SELECT {OutboxColumns} FROM webhook_outbox WHERE account = $account AND last_attempt_at IS NOT NULL ORDER BY last_attempt_at DESC LIMIT $limit;");
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$limit", limit);
            var messages = new List<OutboxMessage>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Add(ReadMessage(reader));
            }

            return messages;
        }
    }

    public async IAsyncEnumerable<OutboxMessage> GetDeadLettersAsync(AccountId account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                $"SELECT {OutboxColumns} FROM webhook_outbox WHERE account = $account AND state = 2 ORDER BY created_at, id;");
            command.Parameters.AddWithValue("$account", account.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadMessage(reader);
            }
        }
    }

    public Task<int> ReplayDeadLettersAsync(AccountId account, IReadOnlyCollection<string>? messageIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                UPDATE webhook_outbox SET state = 0, attempts = 0, next_attempt_at = $now, lease_owner = NULL, lease_expires_at = NULL
                WHERE account = $account AND state = 2 AND ($ids IS NULL OR id IN (SELECT value FROM json_each($ids)));
                """);
            command.Parameters.AddWithValue("$now", Ticks(now));
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$ids", messageIds is null ? DBNull.Value : JsonSerializer.Serialize(messageIds, OutboxJsonContext.Default.IReadOnlyCollectionString));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<int> MakeDueAsync(AccountId? account, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (account is { } a)
        {
            StoreArguments.ValidateAccount(a);
        }

        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                UPDATE webhook_outbox SET next_attempt_at = $now
                WHERE state = 0 AND next_attempt_at > $now AND (lease_expires_at IS NULL OR lease_expires_at <= $now) AND ($account IS NULL OR account = $account);
                """);
            command.Parameters.AddWithValue("$now", Ticks(now));
            command.Parameters.AddWithValue("$account", Nullable(account?.Value));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<OutboxCounts> CountAsync(AccountId? account = null, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                "SELECT state, COUNT(*) FROM webhook_outbox WHERE $account IS NULL OR account = $account GROUP BY state;");
            command.Parameters.AddWithValue("$account", Nullable(account?.Value));
            var counts = new long[3];
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[reader.GetInt32(0)] = reader.GetInt64(1);
            }

            await reader.DisposeAsync().ConfigureAwait(false);
            using var due = SqliteDatabase.Command(connection, null, "SELECT MIN(next_attempt_at) FROM webhook_outbox WHERE state = 0 AND ($account IS NULL OR account = $account);");
            due.Parameters.AddWithValue("$account", Nullable(account?.Value));
            var oldest = await due.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return new OutboxCounts(counts[0], counts[1], counts[2]) { OldestDueAt = oldest is long ticks ? Instant(ticks) : null };
        }
    }

    public Task<int> DeleteDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, "DELETE FROM webhook_outbox WHERE state = 1 AND last_attempt_at < $before;");
            command.Parameters.AddWithValue("$before", Ticks(deliveredBefore));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task InsertOutboxAsync(SqliteStatements statements, OutboxMessage message, CancellationToken cancellationToken)
    {
        var insert = statements.Get("""
            INSERT INTO webhook_outbox (id, account, list, event_id, payload, created_at, next_attempt_at, attempts, state, target)
            VALUES ($id, $account, $list, $event, $payload, $created, $next, $attempts, $state, $target);
            """);
        insert.Parameters.AddWithValue("$id", message.Id);
        insert.Parameters.AddWithValue("$account", message.Account.Value);
        insert.Parameters.AddWithValue("$list", Nullable(message.List?.Value));
        insert.Parameters.AddWithValue("$event", message.EventId);
        insert.Parameters.AddWithValue("$payload", message.Payload);
        insert.Parameters.AddWithValue("$created", Ticks(message.CreatedAt));
        insert.Parameters.AddWithValue("$next", Ticks(message.NextAttemptAt));
        insert.Parameters.AddWithValue("$attempts", message.Attempts);
        insert.Parameters.AddWithValue("$state", (int)message.State);
        insert.Parameters.AddWithValue("$target", Nullable(message.Target));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<OutboxMessage>> ReadMessagesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var messages = new List<OutboxMessage>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(ReadMessage(reader));
        }

        return messages;
    }

    private static OutboxMessage ReadMessage(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Account = new AccountId(reader.GetString(1)),
        List = StoredValues.List(Text(reader, 2)),
        EventId = reader.GetString(3),
        Payload = reader.GetString(4),
        CreatedAt = Instant(reader.GetInt64(5)),
        NextAttemptAt = Instant(reader.GetInt64(6)),
        Attempts = reader.GetInt32(7),
        State = (OutboxMessageState)reader.GetInt32(8),
        LastError = Text(reader, 9),
        LastAttemptAt = Instant(reader, 10),
        LeaseOwner = Text(reader, 11),
        LeaseExpiresAt = Instant(reader, 12),
        Target = Text(reader, 13),
    };
}

/// <summary>Source-generated JSON for id lists passed to SQLite's json_each.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class OutboxJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
