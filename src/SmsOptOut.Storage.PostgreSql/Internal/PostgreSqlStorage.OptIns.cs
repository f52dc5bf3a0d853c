using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// Opt-ins and double opt-in requests in the <c>opt_ins</c> table. Every change is one conditional statement on one
/// row: PostgreSQL re-checks its condition after a concurrent change commits, so of two instances one wins.
/// </summary>
internal sealed partial class PostgreSqlStorage
{
    private const string OptInColumns = "account, number, level, level_at, evidence, requested_at, expires_at, request_evidence, basis, consent_expires_at";

    public Task<OptInRequestOutcome> SaveRequestAsync(AccountId account, PhoneNumber number, OptInConfirmationRequest request, TimeSpan resendAfter, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInRequest(account, number, request, resendAfter);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                WITH saved AS (
                    INSERT INTO {schema}.opt_ins AS o (account, number, requested_at, expires_at, request_evidence) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (account, number) DO UPDATE SET requested_at = excluded.requested_at, expires_at = excluded.expires_at, request_evidence = excluded.request_evidence
                    WHERE o.level <> 2 AND (o.requested_at IS NULL OR o.requested_at <= $6)
                    RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM saved), (SELECT level FROM {schema}.opt_ins WHERE account = $1 AND number = $2);
                """);
            AddOptInKey(command, account, number);
            Add(command, Utc(request.RequestedAt));
            Add(command, Utc(request.ExpiresAt));
            Add(command, ConsentEvidenceJson.Serialize(request.Evidence));
            Add(command, Utc(request.RequestedAt - resendAfter));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return reader.GetBoolean(0) ? OptInRequestOutcome.Saved
                : !reader.IsDBNull(1) && reader.GetInt16(1) == (short)OptInLevel.Confirmed ? OptInRequestOutcome.AlreadyConfirmed
                : OptInRequestOutcome.RecentlyRequested;
        }, cancellationToken);
    }

    public Task<OptInRecord?> ConfirmAsync(AccountId account, PhoneNumber number, DateTimeOffset now, ConsentEvidence evidence, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(evidence);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, $"""
                UPDATE {"{schema}"}.opt_ins SET level = 2, level_at = $3, evidence = $4, basis = 0, consent_expires_at = NULL
                WHERE account = $1 AND number = $2 AND level <> 2 AND expires_at > $3
                RETURNING {OptInColumns};
                """);
            AddOptInKey(command, account, number);
            Add(command, Utc(now));
            Add(command, ConsentEvidenceJson.Serialize(evidence));
            return await ReadOptInAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<bool> RecordOptInAsync(AccountId account, PhoneNumber number, OptInGrant grant, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInGrant(account, number, grant);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // OptInGrant.Replaces: no level yet; or an implied single opt-in giving way to an express one or a longer-lasting one.
            using var command = _database.Command(connection, transaction, """
                INSERT INTO {schema}.opt_ins AS o (account, number, level, level_at, evidence, basis, consent_expires_at) VALUES ($1, $2, 1, $3, $4, $5, $6)
                ON CONFLICT (account, number) DO UPDATE SET level = 1, level_at = excluded.level_at, evidence = excluded.evidence,
                    basis = excluded.basis, consent_expires_at = excluded.consent_expires_at
                WHERE o.level < 1 OR (o.level = 1 AND o.basis <> 0 AND (excluded.basis = 0
                    OR (o.consent_expires_at IS NOT NULL AND (excluded.consent_expires_at IS NULL OR excluded.consent_expires_at > o.consent_expires_at))));
                """);
            AddOptInKey(command, account, number);
            Add(command, Utc(grant.At));
            Add(command, ConsentEvidenceJson.Serialize(grant.Evidence));
            Add(command, (short)grant.Basis);
            command.Parameters.Add(new NpgsqlParameter { Value = grant.ExpiresAt is { } expires ? Utc(expires) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public async Task<bool> RevokeAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        return await RevokeManyAsync(account, new[] { number }, cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<int> RevokeManyAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateBatch(account, numbers);
        if (numbers.IsEmpty)
        {
            return Task.FromResult(0);
        }

        var values = Values(numbers.Span);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, "DELETE FROM {schema}.opt_ins WHERE account = $1 AND number = ANY($2::bigint[]);");
            Add(command, account.Value);
            Add(command, values);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, $"SELECT {OptInColumns} FROM {"{schema}"}.opt_ins WHERE account = $1 AND number = $2;");
            AddOptInKey(command, account, number);
            return await ReadOptInAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task GetStandingsAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<OptInStanding> standings, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateStandings(account, numbers, standings);
        standings.Span[..numbers.Length].Clear();
        if (numbers.IsEmpty)
        {
            return;
        }

        var values = Values(numbers.Span);

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, """
                SELECT u.ord, o.level, o.basis, o.consent_expires_at FROM unnest($1::bigint[]) WITH ORDINALITY AS u(number, ord)
                JOIN {schema}.opt_ins o ON o.account = $2 AND o.number = u.number WHERE o.level > 0;
                """);
            Add(command, values);
            Add(command, account.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                standings.Span[(int)reader.GetInt64(0) - 1] = new((OptInLevel)reader.GetInt16(1), (ConsentBasis)reader.GetInt16(2), Instant(reader, 3));
            }
        }
    }

    public async IAsyncEnumerable<OptInRecord> GetExpiringAsync(AccountId account, DateTimeOffset after, DateTimeOffset until,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateExpiringWindow(account, after, until);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, $"""
                SELECT {OptInColumns} FROM {"{schema}"}.opt_ins
                WHERE account = $1 AND level = 1 AND consent_expires_at IS NOT NULL AND consent_expires_at > $2 AND consent_expires_at <= $3
                ORDER BY consent_expires_at, number;
                """);
            Add(command, account.Value);
            Add(command, Utc(after));
            Add(command, Utc(until));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadOptIn(reader);
            }
        }
    }

    Task<IReadOnlyList<AccountId>> IOptInStore.FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken) =>
        AccountsOfAsync("SELECT account FROM {schema}.opt_ins WHERE number = $1 ORDER BY account;", number, cancellationToken);

    public Task<int> PurgeExpiredRequestsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                DELETE FROM {schema}.opt_ins WHERE (account, number) IN
                    (SELECT account, number FROM {schema}.opt_ins WHERE level = 0 AND (expires_at IS NULL OR expires_at <= $1) LIMIT $2 FOR UPDATE SKIP LOCKED);
                """);
            Add(command, Utc(now));
            Add(command, limit);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static void AddOptInKey(NpgsqlCommand command, AccountId account, PhoneNumber number)
    {
        Add(command, account.Value);
        Add(command, (long)number.Value);
    }

    private static async Task<OptInRecord?> ReadOptInAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadOptIn(reader) : null;
    }

    private static OptInRecord ReadOptIn(NpgsqlDataReader reader) =>
        new(new AccountId(reader.GetString(0)), PhoneNumber.FromValue((ulong)reader.GetInt64(1)))
        {
            Level = (OptInLevel)reader.GetInt16(2),
            LevelAt = Instant(reader, 3),
            Evidence = ConsentEvidenceJson.Deserialize(Text(reader, 4)),
            Request = Instant(reader, 5) is { } requestedAt
                ? new OptInConfirmationRequest(requestedAt, Instant(reader, 6)!.Value, ConsentEvidenceJson.Deserialize(Text(reader, 7)))
                : null,
            Basis = (ConsentBasis)reader.GetInt16(8),
            ConsentExpiresAt = Instant(reader, 9),
        };
}
