using System.Runtime.CompilerServices;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.PostgreSql.Internal;

internal sealed partial class PostgreSqlStorage
{
    private const string EventColumns = "event_id, account, number, kind, source, scope, list, campaign, occurred_at, recorded_at, evidence";

    public Task<ConsentApplyStatus> ApplyAsync(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken = default)
    {
        StoreArguments.Validate(consentEvent, outbox);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            await LockNumbersAsync(connection, transaction, [consentEvent], cancellationToken).ConfigureAwait(false);
            return await ApplyOneAsync(connection, transaction, consentEvent, outbox, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ConsentApplyStatus>> ApplyBatchAsync(IReadOnlyList<ConsentWrite> writes, CancellationToken cancellationToken = default)
    {
        StoreArguments.Validate(writes);
        return _database.WriteAsync<IReadOnlyList<ConsentApplyStatus>>(async (connection, transaction) =>
        {
            await LockNumbersAsync(connection, transaction, writes.Select(w => w.Event), cancellationToken).ConfigureAwait(false);
            var statuses = new ConsentApplyStatus[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                statuses[i] = await ApplyOneAsync(connection, transaction, writes[i].Event, writes[i].Outbox, cancellationToken).ConfigureAwait(false);
            }

            return statuses;
        }, cancellationToken);
    }

    public async Task<bool> IsSuppressedAsync(AccountId account, PhoneNumber number, ListId? list = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                "SELECT EXISTS (SELECT 1 FROM {schema}.suppressions WHERE account = $1 AND number = $2 AND list_key IN ('', $3));");
            Add(command, account.Value);
            Add(command, (long)number.Value);
            Add(command, list?.Value ?? string.Empty);
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    public async Task<int> FilterAsync(AccountId account, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateFilter(account, numbers, suppressed);
        suppressed.Span[..numbers.Length].Clear();
        if (numbers.IsEmpty)
        {
            return 0;
        }

        var values = new long[numbers.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (long)numbers.Span[i].Value;
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement per batch: the numbers travel as one bigint[] and come back by their position in it.
            using var command = _database.Command(connection, null, list is null
                ? "SELECT u.ord FROM unnest($1::bigint[]) WITH ORDINALITY AS u(number, ord) WHERE EXISTS (SELECT 1 FROM {schema}.suppressions s WHERE s.account = $2 AND s.number = u.number AND s.list_key = '');"
                : "SELECT u.ord FROM unnest($1::bigint[]) WITH ORDINALITY AS u(number, ord) WHERE EXISTS (SELECT 1 FROM {schema}.suppressions s WHERE s.account = $2 AND s.number = u.number AND s.list_key IN ('', $3));");
            Add(command, values);
            Add(command, account.Value);
            if (list is { } l)
            {
                Add(command, l.Value);
            }

            var count = 0;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                suppressed.Span[(int)reader.GetInt64(0) - 1] = true;
                count++;
            }

            return count;
        }
    }

    public async IAsyncEnumerable<ConsentEvent> GetHistoryAsync(AccountId account, PhoneNumber number, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, $"SELECT {EventColumns} FROM {{schema}}.consent_events WHERE account = $1 AND number = $2 ORDER BY seq;");
            Add(command, account.Value);
            Add(command, (long)number.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadEvent(reader);
            }
        }
    }

    public async Task<IReadOnlyList<SuppressedNumber>> GetSuppressedAsync(AccountId account, SuppressionCursor after, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidatePage(account, limit);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, """
                SELECT number, list_key, since, source, event_id FROM {schema}.suppressions
                WHERE account = $1 AND (number, list_key) > ($2, $3 COLLATE "C")
                ORDER BY number, list_key LIMIT $4;
                """);
            Add(command, account.Value);
            Add(command, (long)after.Number.Value);
            Add(command, after.ListKey ?? string.Empty);
            Add(command, limit);
            var page = new List<SuppressedNumber>(Math.Min(limit, 1_024));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var listKey = reader.GetString(1);
                page.Add(new SuppressedNumber(PhoneNumber.FromValue((ulong)reader.GetInt64(0)), StoredValues.List(listKey.Length == 0 ? null : listKey),
                    reader.GetFieldValue<DateTimeOffset>(2), (OptOutSource)reader.GetInt16(3), reader.GetString(4)));
            }

            return page;
        }
    }

    public async IAsyncEnumerable<ConsentEvent> GetEventsAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                $"SELECT {EventColumns} FROM {{schema}}.consent_events WHERE account = $1 AND recorded_at > $2 AND recorded_at <= $3 ORDER BY recorded_at, seq;");
            Add(command, account.Value);
            Add(command, Utc(recordedAfter));
            Add(command, Utc(recordedUntil));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadEvent(reader);
            }
        }
    }

    /// <summary>
    /// Serializes every consent change of the same number (one advisory lock per account and number, taken in a stable
    /// order so concurrent batches cannot deadlock), which makes check-then-change safe under READ COMMITTED.
    /// </summary>
    private async Task LockNumbersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<ConsentEvent> events, CancellationToken cancellationToken)
    {
        var keys = events.Select(e => PostgreSqlDatabase.LockKey($"{_database.SchemaName}:{e.Account.Value}:{e.Number.Value}")).Distinct().Order().ToArray();
        using var command = _database.Command(connection, transaction, "SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k;");
        Add(command, keys);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConsentApplyStatus> ApplyOneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ConsentEvent e,
        IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        using (var duplicate = _database.Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM {schema}.consent_events WHERE account = $1 AND event_id = $2);"))
        {
            Add(duplicate, e.Account.Value);
            Add(duplicate, e.EventId);
            if ((bool)(await duplicate.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return ConsentApplyStatus.Duplicate;
            }
        }

        if (!await ChangeSuppressionAsync(connection, transaction, e, cancellationToken).ConfigureAwait(false))
        {
            return ConsentApplyStatus.AlreadyInState;
        }

        using (var insert = _database.Command(connection, transaction,
            $"INSERT INTO {{schema}}.consent_events ({EventColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb);"))
        {
            Add(insert, e.EventId);
            Add(insert, e.Account.Value);
            Add(insert, (long)e.Number.Value);
            Add(insert, (short)e.Kind);
            Add(insert, (short)e.Source);
            Add(insert, (short)e.Scope);
            Add(insert, e.List?.Value);
            Add(insert, e.Campaign?.Value);
            Add(insert, Utc(e.OccurredAt));
            Add(insert, Utc(e.RecordedAt));
            Add(insert, ConsentEvidenceJson.Serialize(e.Evidence));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var message in outbox)
        {
            await InsertOutboxAsync(connection, transaction, message, cancellationToken).ConfigureAwait(false);
        }

        return ConsentApplyStatus.Applied;
    }

    private async Task<bool> ChangeSuppressionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ConsentEvent e, CancellationToken cancellationToken)
    {
        var listKey = e.Scope == SuppressionScope.List ? e.List!.Value.Value : string.Empty;
        var (sql, withDetails) = (e.Kind, e.Scope) switch
        {
            (ConsentKind.OptOut, SuppressionScope.Account) => ("""
                INSERT INTO {schema}.suppressions (account, number, list_key, since, source, event_id) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING;
                """, true),
            (ConsentKind.OptOut, _) => ("""
                INSERT INTO {schema}.suppressions (account, number, list_key, since, source, event_id)
                SELECT $1, $2, $3, $4, $5, $6
                WHERE NOT EXISTS (SELECT 1 FROM {schema}.suppressions WHERE account = $1 AND number = $2 AND list_key IN ('', $3));
                """, true),
            (ConsentKind.OptIn, SuppressionScope.Account) => ("DELETE FROM {schema}.suppressions WHERE account = $1 AND number = $2 AND $3::text IS NOT NULL;", false),
            _ => ("DELETE FROM {schema}.suppressions WHERE account = $1 AND number = $2 AND list_key = $3;", false),
        };

        using var command = _database.Command(connection, transaction, sql);
        Add(command, e.Account.Value);
        Add(command, (long)e.Number.Value);
        Add(command, listKey);
        if (withDetails)
        {
            Add(command, Utc(e.OccurredAt));
            Add(command, (short)e.Source);
            Add(command, e.EventId);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static ConsentEvent ReadEvent(NpgsqlDataReader reader) => new()
    {
        EventId = reader.GetString(0),
        Account = new AccountId(reader.GetString(1)),
        Number = PhoneNumber.FromValue((ulong)reader.GetInt64(2)),
        Kind = (ConsentKind)reader.GetInt16(3),
        Source = (OptOutSource)reader.GetInt16(4),
        Scope = (SuppressionScope)reader.GetInt16(5),
        List = StoredValues.List(Text(reader, 6)),
        Campaign = StoredValues.Campaign(Text(reader, 7)),
        OccurredAt = reader.GetFieldValue<DateTimeOffset>(8),
        RecordedAt = reader.GetFieldValue<DateTimeOffset>(9),
        Evidence = ConsentEvidenceJson.Deserialize(Text(reader, 10)),
    };
}
