using System.Runtime.CompilerServices;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.PostgreSql.Internal;

internal sealed partial class PostgreSqlStorage
{
    private const string OutboxColumns =
        "id, account, list, event_id, payload, created_at, next_attempt_at, attempts, state, last_error, last_attempt_at, lease_owner, lease_expires_at, target";

    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        WebhookOutboxArguments.ValidateClaim(owner, lease, limit);
        return _database.WriteAsync<IReadOnlyList<OutboxMessage>>(async (connection, transaction) =>
        {
            // SKIP LOCKED: concurrent dispatchers each take different due rows instead of waiting for each other.
            using var command = _database.Command(connection, transaction, $$"""
                UPDATE {schema}.webhook_outbox SET lease_owner = $1, lease_expires_at = $2
                WHERE id IN (
                    SELECT id FROM {schema}.webhook_outbox
                    WHERE state = 0 AND next_attempt_at <= $3 AND (lease_expires_at IS NULL OR lease_expires_at <= $3)
                    ORDER BY next_attempt_at, id LIMIT $4
                    FOR UPDATE SKIP LOCKED)
                RETURNING {{OutboxColumns}};
                """);
            Add(command, owner);
            Add(command, Utc(now + lease));
            Add(command, Utc(now));
            Add(command, limit);
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
            using var command = _database.Command(connection, transaction, """
                UPDATE {schema}.webhook_outbox
                SET state = $1, attempts = $2, next_attempt_at = $3, last_attempt_at = $4, last_error = $5, lease_owner = NULL, lease_expires_at = NULL
                WHERE id = $6 AND lease_owner = $7 AND state = 0;
                """);
            Add(command, (short)attempt.State);
            Add(command, attempt.Attempts);
            Add(command, Utc(attempt.NextAttemptAt));
            Add(command, Utc(attempt.AttemptedAt));
            Add(command, attempt.Error);
            Add(command, attempt.MessageId);
            Add(command, attempt.LeaseOwner);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public async Task<OutboxMessage?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, $"SELECT {OutboxColumns} FROM {{schema}}.webhook_outbox WHERE id = $1;");
            Add(command, messageId);
            return (await ReadMessagesAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        }
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetRecentAttemptsAsync(AccountId account, int limit, CancellationToken cancellationToken = default)
    {
        WebhookDeliveryHistoryArguments.ValidateRecent(account, limit);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                $"SELECT {OutboxColumns} FROM {{schema}}.webhook_outbox WHERE account = $1 AND last_attempt_at IS NOT NULL ORDER BY last_attempt_at DESC LIMIT $2;");
            Add(command, account.Value);
            Add(command, limit);
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
            using var command = _database.Command(connection, null,
                $"SELECT {OutboxColumns} FROM {{schema}}.webhook_outbox WHERE account = $1 AND state = 2 ORDER BY created_at, id;");
            Add(command, account.Value);
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
            using var command = _database.Command(connection, transaction, """
                UPDATE {schema}.webhook_outbox SET state = 0, attempts = 0, next_attempt_at = $1, lease_owner = NULL, lease_expires_at = NULL
                WHERE account = $2 AND state = 2 AND ($3::text[] IS NULL OR id = ANY ($3::text[]));
                """);
            Add(command, Utc(now));
            Add(command, account.Value);
            Add(command, messageIds?.ToArray());
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
            using var command = _database.Command(connection, transaction, """
                UPDATE {schema}.webhook_outbox SET next_attempt_at = $1
                WHERE state = 0 AND next_attempt_at > $1 AND (lease_expires_at IS NULL OR lease_expires_at <= $1) AND ($2::text IS NULL OR account = $2);
                """);
            Add(command, Utc(now));
            Add(command, account?.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<OutboxCounts> CountAsync(AccountId? account = null, CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                "SELECT state, COUNT(*) FROM {schema}.webhook_outbox WHERE $1::text IS NULL OR account = $1 GROUP BY state;");
            Add(command, account?.Value);
            var counts = new long[3];
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[reader.GetInt16(0)] = reader.GetInt64(1);
            }

            await reader.DisposeAsync().ConfigureAwait(false);
            using var due = _database.Command(connection, null, "SELECT MIN(next_attempt_at) FROM {schema}.webhook_outbox WHERE state = 0 AND ($1::text IS NULL OR account = $1);");
            Add(due, account?.Value);
            var oldest = await due.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return new OutboxCounts(counts[0], counts[1], counts[2]) { OldestDueAt = oldest is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null };
        }
    }

    public Task<int> DeleteDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, "DELETE FROM {schema}.webhook_outbox WHERE state = 1 AND last_attempt_at < $1;");
            Add(command, Utc(deliveredBefore));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task<List<OutboxMessage>> ReadMessagesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var messages = new List<OutboxMessage>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            messages.Add(ReadMessage(reader));
        }

        return messages;
    }

    private static OutboxMessage ReadMessage(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Account = new AccountId(reader.GetString(1)),
        List = StoredValues.List(Text(reader, 2)),
        EventId = reader.GetString(3),
        Payload = reader.GetString(4),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(5),
        NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(6),
        Attempts = reader.GetInt32(7),
        State = (OutboxMessageState)reader.GetInt16(8),
        LastError = Text(reader, 9),
        LastAttemptAt = Instant(reader, 10),
        LeaseOwner = Text(reader, 11),
        LeaseExpiresAt = Instant(reader, 12),
        Target = Text(reader, 13),
    };
}
