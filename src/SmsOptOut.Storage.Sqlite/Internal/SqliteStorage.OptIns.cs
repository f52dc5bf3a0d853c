using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>Opt-ins and double opt-in requests in the <c>opt_ins</c> table; every change is one conditional statement.</summary>
internal sealed partial class SqliteStorage
{
    private const string OptInColumns = "account, number, level, level_at, evidence, requested_at, expires_at, request_evidence, basis, consent_expires_at";

    public Task<OptInRequestOutcome> SaveRequestAsync(AccountId account, PhoneNumber number, OptInConfirmationRequest request, TimeSpan resendAfter, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInRequest(account, number, request, resendAfter);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT INTO opt_ins (account, number, requested_at, expires_at, request_evidence) VALUES ($account, $number, $requested, $expires, $evidence)
                ON CONFLICT (account, number) DO UPDATE SET requested_at = excluded.requested_at, expires_at = excluded.expires_at, request_evidence = excluded.request_evidence
                WHERE level <> 2 AND (requested_at IS NULL OR requested_at <= $threshold);
                SELECT changes(), level FROM opt_ins WHERE account = $account AND number = $number;
                """);
            AddKey(command, account, number);
            command.Parameters.AddWithValue("$requested", Ticks(request.RequestedAt));
            command.Parameters.AddWithValue("$expires", Ticks(request.ExpiresAt));
            command.Parameters.AddWithValue("$evidence", Nullable(ConsentEvidenceJson.Serialize(request.Evidence)));
            command.Parameters.AddWithValue("$threshold", Ticks(request.RequestedAt - resendAfter));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return reader.GetInt64(0) == 1 ? OptInRequestOutcome.Saved
                : reader.GetInt32(1) == (int)OptInLevel.Confirmed ? OptInRequestOutcome.AlreadyConfirmed
                : OptInRequestOutcome.RecentlyRequested;
        }, cancellationToken);
    }

    public Task<OptInRecord?> ConfirmAsync(AccountId account, PhoneNumber number, DateTimeOffset now, ConsentEvidence evidence, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        ArgumentNullException.ThrowIfNull(evidence);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, $"""
                UPDATE opt_ins SET level = 2, level_at = $now, evidence = $evidence, basis = 0, consent_expires_at = NULL
                WHERE account = $account AND number = $number AND level <> 2 AND expires_at > $now
                RETURNING {OptInColumns};
                """);
            AddKey(command, account, number);
            command.Parameters.AddWithValue("$now", Ticks(now));
            command.Parameters.AddWithValue("$evidence", Nullable(ConsentEvidenceJson.Serialize(evidence)));
            return await ReadOptInAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<bool> RecordOptInAsync(AccountId account, PhoneNumber number, OptInGrant grant, CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateOptInGrant(account, number, grant);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // OptInGrant.Replaces: no level yet; or an implied single opt-in giving way to an express one or a longer-lasting one.
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT INTO opt_ins (account, number, level, level_at, evidence, basis, consent_expires_at) VALUES ($account, $number, 1, $at, $evidence, $basis, $expires)
                ON CONFLICT (account, number) DO UPDATE SET level = 1, level_at = excluded.level_at, evidence = excluded.evidence,
                    basis = excluded.basis, consent_expires_at = excluded.consent_expires_at
                WHERE level < 1 OR (level = 1 AND basis <> 0 AND (excluded.basis = 0
                    OR (consent_expires_at IS NOT NULL AND (excluded.consent_expires_at IS NULL OR excluded.consent_expires_at > consent_expires_at))));
                """);
            AddKey(command, account, number);
            command.Parameters.AddWithValue("$at", Ticks(grant.At));
            command.Parameters.AddWithValue("$evidence", Nullable(ConsentEvidenceJson.Serialize(grant.Evidence)));
            command.Parameters.AddWithValue("$basis", (int)grant.Basis);
            command.Parameters.AddWithValue("$expires", grant.ExpiresAt is { } expires ? Ticks(expires) : DBNull.Value);
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

        var values = JsonArray([.. numbers.ToArray().Select(n => n.Value)]);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, "DELETE FROM opt_ins WHERE account = $account AND number IN (SELECT value FROM json_each($numbers));");
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$numbers", values);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, $"SELECT {OptInColumns} FROM opt_ins WHERE account = $account AND number = $number;");
            AddKey(command, account, number);
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

        var found = new Dictionary<ulong, OptInStanding>();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                "SELECT o.number, o.level, o.basis, o.consent_expires_at FROM json_each($numbers) AS j JOIN opt_ins AS o ON o.account = $account AND o.number = j.value WHERE o.level > 0;");
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$numbers", JsonArray([.. numbers.ToArray().Select(n => n.Value)]));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found[(ulong)reader.GetInt64(0)] = new((OptInLevel)reader.GetInt32(1), (ConsentBasis)reader.GetInt32(2), Instant(reader, 3));
            }
        }

        var batch = numbers.Span;
        var output = standings.Span;
        for (var i = 0; i < batch.Length; i++)
        {
            output[i] = found.GetValueOrDefault(batch[i].Value);
        }
    }

    public async IAsyncEnumerable<OptInRecord> GetExpiringAsync(AccountId account, DateTimeOffset after, DateTimeOffset until,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        OptInStoreArguments.ValidateExpiringWindow(account, after, until);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, $"""
                SELECT {OptInColumns} FROM opt_ins
                WHERE account = $account AND level = 1 AND consent_expires_at IS NOT NULL AND consent_expires_at > $after AND consent_expires_at <= $until
                ORDER BY consent_expires_at, number;
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$after", Ticks(after));
            command.Parameters.AddWithValue("$until", Ticks(until));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadOptIn(reader);
            }
        }
    }

    Task<IReadOnlyList<AccountId>> IOptInStore.FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken) =>
        AccountsOfAsync("SELECT account FROM opt_ins WHERE number = $number ORDER BY account;", number, cancellationToken);

    public Task<int> PurgeExpiredRequestsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                DELETE FROM opt_ins WHERE (account, number) IN
                    (SELECT account, number FROM opt_ins WHERE level = 0 AND (expires_at IS NULL OR expires_at <= $now) LIMIT $limit);
                """);
            command.Parameters.AddWithValue("$now", Ticks(now));
            command.Parameters.AddWithValue("$limit", limit);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static void AddKey(SqliteCommand command, AccountId account, PhoneNumber number)
    {
        command.Parameters.AddWithValue("$account", account.Value);
        command.Parameters.AddWithValue("$number", (long)number.Value);
    }

    private static async Task<OptInRecord?> ReadOptInAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadOptIn(reader) : null;
    }

    private static OptInRecord ReadOptIn(SqliteDataReader reader) =>
        new(new AccountId(reader.GetString(0)), PhoneNumber.FromValue((ulong)reader.GetInt64(1)))
        {
            Level = (OptInLevel)reader.GetInt32(2),
            LevelAt = Instant(reader, 3),
            Evidence = ConsentEvidenceJson.Deserialize(Text(reader, 4)),
            Request = Instant(reader, 5) is { } requestedAt
                ? new OptInConfirmationRequest(requestedAt, Instant(reader.GetInt64(6)), ConsentEvidenceJson.Deserialize(Text(reader, 7)))
                : null,
            Basis = (ConsentBasis)reader.GetInt32(8),
            ConsentExpiresAt = Instant(reader, 9),
        };
}
