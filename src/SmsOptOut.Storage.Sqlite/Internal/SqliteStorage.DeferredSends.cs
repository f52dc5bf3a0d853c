using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>Held messages in <c>deferred_sends</c>; a claim marks due rows in one statement under SQLite's single writer.</summary>
internal sealed partial class SqliteStorage
{
    public Task AddAsync(IReadOnlyList<DeferredSend> sends, CancellationToken cancellationToken = default)
    {
        DeferredSendArguments.Validate(sends);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction,
                "INSERT OR IGNORE INTO deferred_sends (id, account, number, not_before, message) VALUES ($id, $account, $number, $notBefore, $message);");
            var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
            var account = command.Parameters.Add("$account", Microsoft.Data.Sqlite.SqliteType.Text);
            var number = command.Parameters.Add("$number", Microsoft.Data.Sqlite.SqliteType.Integer);
            var notBefore = command.Parameters.Add("$notBefore", Microsoft.Data.Sqlite.SqliteType.Integer);
            var message = command.Parameters.Add("$message", Microsoft.Data.Sqlite.SqliteType.Text);
            foreach (var send in sends)
            {
                (id.Value, account.Value, number.Value, notBefore.Value, message.Value) = (send.Id, send.Account.Value, (long)send.Number.Value, Ticks(send.NotBefore), send.Message);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return sends.Count;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<DeferredSend>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return _database.WriteAsync<IReadOnlyList<DeferredSend>>(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                UPDATE deferred_sends SET claimed_at = $now
                WHERE id IN (SELECT id FROM deferred_sends WHERE claimed_at IS NULL AND not_before <= $now ORDER BY not_before LIMIT $limit)
                RETURNING id, account, number, not_before, message;
                """);
            command.Parameters.AddWithValue("$now", Ticks(now));
            command.Parameters.AddWithValue("$limit", limit);
            var claimed = new List<DeferredSend>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(new DeferredSend(reader.GetString(0), new AccountId(reader.GetString(1)), PhoneNumber.FromValue((ulong)reader.GetInt64(2)),
                    Instant(reader.GetInt64(3)), reader.GetString(4)));
            }

            return [.. claimed.OrderBy(s => s.NotBefore)];
        }, cancellationToken);
    }

    public Task<int> CompleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction,
                "DELETE FROM deferred_sends WHERE claimed_at IS NOT NULL AND id IN (SELECT value FROM json_each($ids));");
            command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(ids, OutboxJsonContext.Default.IReadOnlyCollectionString));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<int> DeleteAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, "DELETE FROM deferred_sends WHERE number = $number AND account = $account;");
            command.Parameters.AddWithValue("$number", (long)number.Value);
            command.Parameters.AddWithValue("$account", account.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    Task<IReadOnlyList<AccountId>> IDeferredSendStore.FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken) =>
        AccountsOfAsync("SELECT DISTINCT account FROM deferred_sends WHERE number = $number ORDER BY account;", number, cancellationToken);

    public async Task<DeferredSendCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                "SELECT count(*) FILTER (WHERE claimed_at IS NULL), count(*) FILTER (WHERE claimed_at IS NOT NULL) FROM deferred_sends;");
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new DeferredSendCounts(reader.GetInt64(0), reader.GetInt64(1));
        }
    }
}
