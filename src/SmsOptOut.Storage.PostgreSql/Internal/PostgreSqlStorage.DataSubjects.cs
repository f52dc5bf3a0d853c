using System.Runtime.CompilerServices;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.PostgreSql.Internal;

internal sealed partial class PostgreSqlStorage
{
    public Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default) => AccountsOfAsync("""
        SELECT account FROM {schema}.consent_events WHERE number = $1
        UNION SELECT account FROM {schema}.link_tokens WHERE number = $1
        UNION SELECT account FROM {schema}.reply_ledger WHERE number = $1;
        """, number, cancellationToken);

    /// <summary>The accounts a query of one number (<c>$1</c>) returns in its first column.</summary>
    private async Task<IReadOnlyList<AccountId>> AccountsOfAsync(string sql, PhoneNumber number, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, sql);
            Add(command, (long)number.Value);
            var accounts = new List<AccountId>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                accounts.Add(new AccountId(reader.GetString(0)));
            }

            return accounts;
        }
    }

    /// <summary>
    /// One transaction: the (account, number) advisory lock every apply of the number takes, then one statement whose
    /// data-modifying parts move the suppressions to the pseudonym, delete the events, their outbox rows, the tokens and
    /// the reply row, drop the daily counts of the events' days (counted again on the next read), and keep the audit
    /// record when anything was there.
    /// </summary>
    public Task<ErasureRecord> EraseAsync(PhoneNumber number, NumberPseudonym pseudonym, ErasureRecord record, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateErasure(number, pseudonym, record);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // The (account, number) lock, and the account's log lock the record's leaf is appended under, in the order every apply takes them.
            using (var locked = _database.Command(connection, transaction, "SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) AS k;"))
            {
                locked.Parameters.Add(new NpgsqlParameter<long[]>
                {
                    TypedValue = new[] { $"{_database.SchemaName}:{record.Account.Value}:{number.Value}", $"{_database.SchemaName}:log:{record.Account.Value}" }
                        .Select(PostgreSqlDatabase.LockKey).Distinct().Order().ToArray(),
                });
                await locked.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var erase = _database.Command(connection, transaction, """
                WITH moved AS (DELETE FROM {schema}.suppressions WHERE account = $1 AND number = $2 RETURNING list_key, since, source),
                kept AS (INSERT INTO {schema}.erased_suppressions (account, pseudonym, list_key, key_id, since, source)
                         SELECT $1, $3, list_key, $4, since, source FROM moved ON CONFLICT DO NOTHING),
                keys AS (INSERT INTO {schema}.erasure_keys (account, key_id, fingerprint) SELECT $1, $4, $8 WHERE EXISTS (SELECT 1 FROM moved) ON CONFLICT DO NOTHING),
                ev AS (DELETE FROM {schema}.consent_events WHERE account = $1 AND number = $2 RETURNING event_id, recorded_at),
                lg AS (UPDATE {schema}.consent_log SET event_id = NULL WHERE account = $1 AND event_id IN (SELECT event_id FROM ev) RETURNING log_index),
                counted AS (DELETE FROM {schema}.consent_daily WHERE account = $1 AND day IN (SELECT (recorded_at AT TIME ZONE 'UTC')::date FROM ev)),
                settled AS (DELETE FROM {schema}.consent_daily_done WHERE account = $1 AND day IN (SELECT (recorded_at AT TIME ZONE 'UTC')::date FROM ev)),
                wh AS (DELETE FROM {schema}.webhook_outbox WHERE account = $1 AND event_id IN (SELECT event_id FROM ev) RETURNING 1),
                tk AS (DELETE FROM {schema}.link_tokens WHERE number = $2 AND account = $1 RETURNING 1),
                rp AS (DELETE FROM {schema}.reply_ledger WHERE account = $1 AND number = $2 RETURNING 1),
                n AS (SELECT (SELECT count(*) FROM ev)::int AS events, (SELECT count(*) FROM moved)::int AS suppressions, (SELECT count(*) FROM tk)::int AS tokens,
                             (SELECT count(*) FROM wh)::int AS webhooks, (SELECT count(*) FROM rp)::int AS replies,
                             (SELECT COALESCE(array_agg(log_index ORDER BY log_index), '{}') FROM lg) AS leaves)
                SELECT events, suppressions, tokens, webhooks, replies, leaves FROM n;
                """);
            Add(erase, record.Account.Value);
            Add(erase, (long)number.Value);
            Add(erase, pseudonym.Stored);
            Add(erase, (short)pseudonym.KeyId);
            Add(erase, record.RequestId);
            Add(erase, record.Reason);
            Add(erase, Utc(record.ErasedAt));
            Add(erase, _pseudonyms.Fingerprint(pseudonym.KeyId));
            ErasureRecord erased;
            using (var reader = await erase.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                erased = record with
                {
                    Events = reader.GetInt32(0), Suppressions = reader.GetInt32(1), Tokens = reader.GetInt32(2), Webhooks = reader.GetInt32(3), Replies = reader.GetInt32(4),
                    ErasedLeaves = reader.GetFieldValue<long[]>(5),
                };
            }

            if (erased.Events + erased.Suppressions + erased.Tokens + erased.Webhooks + erased.Replies > 0)
            {
                erased = await KeepErasureAsync(connection, transaction, erased, cancellationToken).ConfigureAwait(false);
            }

            await ForgetSnapshotChangesAsync(connection, transaction, record.Account, number, cancellationToken).ConfigureAwait(false);
            return erased;
        }, cancellationToken);
    }

    /// <summary>
    /// Keeps the erasure's audit record and, with the log, its leaf: next in the account's log (the caller holds the
    /// account's log lock, so the index follows commit order).
    /// </summary>
    private async Task<ErasureRecord> KeepErasureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ErasureRecord erased, CancellationToken cancellationToken)
    {
        // The leaf does not hold its own index, so it is computed first, and the index taken in the statement that writes it.
        var logged = options.Value.WritesConsentLog;
        using var keep = _database.Command(connection, transaction, """
            WITH next AS (SELECT COALESCE(max(log_index) + 1, 0) AS i FROM {schema}.consent_log WHERE account = $1 HAVING $10),
            leaf AS (INSERT INTO {schema}.consent_log (account, log_index, leaf, event_id) SELECT $1, i, $11, NULL FROM next)
            INSERT INTO {schema}.erasures (account, request_id, reason, erased_at, events, suppressions, tokens, webhooks, replies, log_index, leaves)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT i FROM next), $12)
            RETURNING log_index;
            """);
        Add(keep, erased.Account.Value);
        Add(keep, erased.RequestId);
        Add(keep, erased.Reason);
        Add(keep, Utc(erased.ErasedAt));
        foreach (var count in new[] { erased.Events, erased.Suppressions, erased.Tokens, erased.Webhooks, erased.Replies })
        {
            keep.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        }

        keep.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = logged });
        keep.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Evidence.ConsentLogLeaf.ErasureHash(erased) });
        keep.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. erased.ErasedLeaves] });
        return await keep.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long index ? erased with { LogIndex = index } : erased;
    }

    public async IAsyncEnumerable<ErasureRecord> GetErasuresAsync(AccountId account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, $"SELECT {ErasureColumns} FROM {{schema}}.erasures WHERE account = $1 ORDER BY seq;");
            Add(command, account.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadErasure(account, reader);
            }
        }
    }

    /// <summary>The columns <see cref="ReadErasure"/> reads, in its order.</summary>
    private const string ErasureColumns = "request_id, reason, erased_at, events, suppressions, tokens, webhooks, replies, log_index, leaves";

    /// <summary>An erasure record from a row of <see cref="ErasureColumns"/>.</summary>
    private static ErasureRecord ReadErasure(AccountId account, NpgsqlDataReader reader) => new(account, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
    {
        Events = reader.GetInt32(3), Suppressions = reader.GetInt32(4), Tokens = reader.GetInt32(5), Webhooks = reader.GetInt32(6), Replies = reader.GetInt32(7),
        LogIndex = reader.IsDBNull(8) ? null : reader.GetInt64(8), ErasedLeaves = reader.IsDBNull(9) ? [] : reader.GetFieldValue<long[]>(9),
    };

    public async Task<IReadOnlyList<SuppressedNumber>> GetSuppressionsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                "SELECT number, list_key, since, source, event_id, paused_until FROM {schema}.suppressions WHERE account = $1 AND number = $2 ORDER BY list_key;");
            Add(command, account.Value);
            Add(command, (long)number.Value);
            var found = new List<SuppressedNumber>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add(ReadSuppression(reader));
            }

            return found;
        }
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetWebhooksAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, $$"""
                SELECT {{OutboxColumns}} FROM {schema}.webhook_outbox WHERE account = $1
                AND event_id IN (SELECT event_id FROM {schema}.consent_events WHERE account = $1 AND number = $2) ORDER BY created_at, id;
                """);
            Add(command, account.Value);
            Add(command, (long)number.Value);
            return await ReadMessagesAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<StoredLinkToken>> GetTokensAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                "SELECT token, list, campaign, expires_at FROM {schema}.link_tokens WHERE number = $1 AND account = $2 ORDER BY expires_at, token;");
            Add(command, (long)number.Value);
            Add(command, account.Value);
            var tokens = new List<StoredLinkToken>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tokens.Add(new StoredLinkToken(reader.GetString(0), new OptOutLinkTarget(account, new ListId(reader.GetString(1)), number, StoredValues.Campaign(Text(reader, 2))),
                    reader.GetFieldValue<DateTimeOffset>(3)));
            }

            return tokens;
        }
    }

    public Task<int> MinimizeEvidenceAsync(DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // One instance at a time (the row lock), events visited once in seq order from where the last run stopped.
            using (var state = _database.Command(connection, transaction, "INSERT INTO {schema}.retention_state (id, minimized_until) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;"))
            {
                await state.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long watermark;
            using (var read = _database.Command(connection, transaction, "SELECT minimized_until FROM {schema}.retention_state WHERE id = 1 FOR UPDATE;"))
            {
                watermark = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            var changed = 0;
            var done = false;
            var cutoff = Utc(recordedBefore);
            while (!done && changed < limit)
            {
                var rows = new List<(long Seq, DateTimeOffset RecordedAt, string? Evidence)>();
                using (var scan = _database.Command(connection, transaction,
                    "SELECT seq, recorded_at, evidence::text FROM {schema}.consent_events WHERE seq > $1 ORDER BY seq LIMIT 1000;"))
                {
                    Add(scan, watermark);
                    using var reader = await scan.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), Text(reader, 2)));
                    }
                }

                done = rows.Count == 0;
                foreach (var row in rows)
                {
                    if (row.RecordedAt >= cutoff || changed == limit)
                    {
                        done = true;
                        break;
                    }

                    if (row.Evidence is not null && ConsentEvidenceMinimizer.HasPersonalDetails(ConsentEvidenceJson.Deserialize(row.Evidence)))
                    {
                        using var update = _database.Command(connection, transaction, "UPDATE {schema}.consent_events SET evidence = $1::jsonb, salt = NULL WHERE seq = $2;");
                        Add(update, ConsentEvidenceMinimizer.Minimize(row.Evidence));
                        Add(update, row.Seq);
                        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        changed++;
                    }

                    watermark = row.Seq;
                }
            }

            using (var save = _database.Command(connection, transaction, "UPDATE {schema}.retention_state SET minimized_until = $1 WHERE id = 1;"))
            {
                Add(save, watermark);
                await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return changed;
        }, cancellationToken);
    }

    /// <summary>
    /// The pseudonym keys of an account's erasures, each checked against the configured key of its id; empty for an
    /// account without any (the common case, which then costs nothing more).
    /// </summary>
    private async Task<int[]> ErasureKeysAsync(AccountId account, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, "SELECT key_id, fingerprint FROM {schema}.erasure_keys WHERE account = $1;");
            Add(command, account.Value);
            var keys = new List<int>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _pseudonyms.Verify(reader.GetInt16(0), reader.GetString(1));
                keys.Add(reader.GetInt16(0));
            }

            return [.. keys];
        }
    }

    /// <summary>The pseudonyms of <paramref name="numbers"/> under every key, key by key, as signed values.</summary>
    private long[] Pseudonyms(int[] keys, ReadOnlySpan<PhoneNumber> numbers)
    {
        var values = new ulong[keys.Length * numbers.Length];
        for (var k = 0; k < keys.Length; k++)
        {
            _pseudonyms.Compute(keys[k], numbers, values.AsSpan(k * numbers.Length, numbers.Length));
        }

        return Array.ConvertAll(values, v => unchecked((long)v));
    }

    /// <summary>A number's pseudonyms under every configured key, which an opt-in lifts without first reading the account's keys.</summary>
    private long[] ConfiguredPseudonyms(PhoneNumber number) => Pseudonyms(_configuredKeys, [number]);
}
