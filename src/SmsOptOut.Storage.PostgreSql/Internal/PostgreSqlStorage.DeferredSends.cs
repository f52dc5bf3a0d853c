using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>Held messages in <c>deferred_sends</c>; a claim takes due rows with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent schedulers split them.</summary>
internal sealed partial class PostgreSqlStorage
{
    public Task AddAsync(IReadOnlyList<DeferredSend> sends, CancellationToken cancellationToken = default)
    {
        DeferredSendArguments.Validate(sends);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                INSERT INTO {schema}.deferred_sends (id, account, number, not_before, message)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::text[]) ON CONFLICT (id) DO NOTHING;
                """);
            Add(command, sends.Select(s => s.Id).ToArray());
            Add(command, sends.Select(s => s.Account.Value).ToArray());
            Add(command, sends.Select(s => (long)s.Number.Value).ToArray());
            Add(command, sends.Select(s => Utc(s.NotBefore)).ToArray());
            Add(command, sends.Select(s => s.Message).ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<DeferredSend>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return _database.WriteAsync<IReadOnlyList<DeferredSend>>(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                UPDATE {schema}.deferred_sends SET claimed_at = $1
                WHERE id IN (SELECT id FROM {schema}.deferred_sends WHERE claimed_at IS NULL AND not_before <= $1 ORDER BY not_before LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING id, account, number, not_before, message;
                """);
            Add(command, Utc(now));
            Add(command, limit);
            var claimed = new List<DeferredSend>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(new DeferredSend(reader.GetString(0), new AccountId(reader.GetString(1)), PhoneNumber.FromValue((ulong)reader.GetInt64(2)),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
            }

            return [.. claimed.OrderBy(s => s.NotBefore)];
        }, cancellationToken);
    }

    public Task<int> CompleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, "DELETE FROM {schema}.deferred_sends WHERE claimed_at IS NOT NULL AND id = ANY($1);");
            Add(command, ids.ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<int> DeleteAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, "DELETE FROM {schema}.deferred_sends WHERE number = $1 AND account = $2;");
            Add(command, (long)number.Value);
            Add(command, account.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    Task<IReadOnlyList<AccountId>> IDeferredSendStore.FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken) =>
        AccountsOfAsync("SELECT DISTINCT account FROM {schema}.deferred_sends WHERE number = $1 ORDER BY account;", number, cancellationToken);

    public async Task<DeferredSendCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                "SELECT count(*) FILTER (WHERE claimed_at IS NULL), count(*) FILTER (WHERE claimed_at IS NOT NULL) FROM {schema}.deferred_sends;");
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new DeferredSendCounts(reader.GetInt64(0), reader.GetInt64(1));
        }
    }
}
