using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.Sqlite.Internal;

internal sealed partial class SqliteStorage
{
    /// <summary>
    /// The accounts that hold anything of <c>$number</c>: every account with events has an accounts row; tokens and
    /// reply rows may come before any event. Each table is searched by its index on the number.
    /// </summary>
    internal const string FindAccountsSql = """
        SELECT name FROM accounts AS a WHERE EXISTS (SELECT 1 FROM consent_events AS e WHERE e.account = a.name AND e.number = $number)
        UNION SELECT account FROM link_tokens WHERE number = $number
        UNION SELECT account FROM reply_ledger WHERE number = $number;
        """;

    /// <summary>
    /// An erasure's copy of the number's suppressions under its pseudonym. Without the file's statistics the planner
    /// read this through the covering index by source (<c>account_id</c> alone), every suppression of the account, about
    /// 170 ms an erasure at 1M suppressions; the unique index finds the number's few rows.
    /// </summary>
    internal const string PseudonymizeSuppressionsSql = """
        INSERT OR IGNORE INTO erased_suppressions (account_id, pseudonym, list_key, key_id, since, source)
        SELECT account_id, $pseudonym, list_key, $key, since, source FROM suppressions INDEXED BY ux_suppressions WHERE account_id = $accountId AND number = $number;
        """;

    /// <summary>
    /// An erasure's unnaming of the number's events in the log (their leaves stay). The partial index by event id
    /// (<c>WHERE event_id IS NOT NULL</c>) is named: SQLite 3.53 does not use it for an update of that column on its own
    /// and read the account's whole log, about 100 ms an erasure at 1M events.
    /// </summary>
    internal const string ForgetLoggedEventsSql = """
        UPDATE consent_log INDEXED BY ux_consent_log_event SET event_id = NULL WHERE account = $account
        AND event_id IN (SELECT event_id FROM consent_events WHERE account = $account AND number = $number);
        """;

    public Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default) =>
        AccountsOfAsync(FindAccountsSql, number, cancellationToken);

    /// <summary>The accounts a query of one number (<c>$number</c>) returns in its first column.</summary>
    private async Task<IReadOnlyList<AccountId>> AccountsOfAsync(string sql, PhoneNumber number, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, sql);
            command.Parameters.AddWithValue("$number", (long)number.Value);
            var accounts = new List<AccountId>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                accounts.Add(new AccountId(reader.GetString(0)));
            }

            return accounts;
        }
    }

    public Task<ErasureRecord> EraseAsync(PhoneNumber number, NumberPseudonym pseudonym, ErasureRecord record, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateErasure(number, pseudonym, record);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            var account = record.Account.Value;
            var suppressions = 0;
            if (await FindAccountIdAsync(connection, transaction, record.Account, cancellationToken).ConfigureAwait(false) is { } accountId)
            {
                suppressions = await ExecuteAsync(connection, transaction, PseudonymizeSuppressionsSql, cancellationToken, ("$accountId", accountId), ("$number", (long)number.Value), ("$pseudonym", pseudonym.Stored), ("$key", pseudonym.KeyId))
                    .ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, "DELETE FROM suppressions WHERE account_id = $accountId AND number = $number;", cancellationToken,
                    ("$accountId", accountId), ("$number", (long)number.Value)).ConfigureAwait(false);
                await ForgetSnapshotChangesAsync(connection, transaction, accountId, number, cancellationToken).ConfigureAwait(false);
                if (suppressions > 0)
                {
                    await ExecuteAsync(connection, transaction, "INSERT OR IGNORE INTO erasure_keys (account_id, key_id, fingerprint) VALUES ($accountId, $key, $fingerprint);",
                        cancellationToken, ("$accountId", accountId), ("$key", pseudonym.KeyId), ("$fingerprint", _pseudonyms.Fingerprint(pseudonym.KeyId))).ConfigureAwait(false);
                    await BumpErasureVersionAsync(connection, transaction, accountId, cancellationToken).ConfigureAwait(false);
                }
            }

            var webhooks = await ExecuteAsync(connection, transaction, """
                DELETE FROM webhook_outbox WHERE account = $account
                AND event_id IN (SELECT event_id FROM consent_events WHERE account = $account AND number = $number);
                """, cancellationToken, ("$account", account), ("$number", (long)number.Value)).ConfigureAwait(false);
            // The log keeps the erased events' leaves; their ids go with their content and salt. Which leaves they are, the
            // erasure record's own leaf lists.
            var erasedLeaves = await ErasedLeavesAsync(connection, transaction, account, number, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, ForgetLoggedEventsSql, cancellationToken, ("$account", account), ("$number", (long)number.Value)).ConfigureAwait(false);
            var events = await ExecuteAsync(connection, transaction, "DELETE FROM consent_events WHERE account = $account AND number = $number;", cancellationToken,
                ("$account", account), ("$number", (long)number.Value)).ConfigureAwait(false);
            var tokens = await ExecuteAsync(connection, transaction, "DELETE FROM link_tokens WHERE number = $number AND account = $account;", cancellationToken,
                ("$account", account), ("$number", (long)number.Value)).ConfigureAwait(false);
            var replies = await ExecuteAsync(connection, transaction, "DELETE FROM reply_ledger WHERE account = $account AND number = $number;", cancellationToken,
                ("$account", account), ("$number", (long)number.Value)).ConfigureAwait(false);
            var kept = record with { Events = events, Suppressions = suppressions, Tokens = tokens, Webhooks = webhooks, Replies = replies, ErasedLeaves = erasedLeaves };
            if (events + suppressions + tokens + webhooks + replies > 0)
            {
                object logIndex = DBNull.Value;
                if (options.Value.WritesConsentLog)
                {
                    // The record's leaf, next in the log (one writer at a time: commit order).
                    using var next = SqliteDatabase.Command(connection, transaction, "SELECT COALESCE(MAX(log_index) + 1, 0) FROM consent_log WHERE account = $account;");
                    next.Parameters.AddWithValue("$account", account);
                    kept = kept with { LogIndex = (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! };
                    logIndex = kept.LogIndex;
                    await ExecuteAsync(connection, transaction, "INSERT INTO consent_log (account, log_index, leaf, event_id) VALUES ($account, $index, $leaf, NULL);", cancellationToken,
                        ("$account", account), ("$index", logIndex), ("$leaf", Evidence.ConsentLogLeaf.ErasureHash(kept))).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, transaction, """
                    INSERT INTO erasures (account, request_id, reason, erased_at, events, suppressions, tokens, webhooks, replies, log_index, leaves)
                    VALUES ($account, $request, $reason, $at, $events, $suppressions, $tokens, $webhooks, $replies, $index, $leaves);
                    """, cancellationToken, ("$account", account), ("$request", kept.RequestId), ("$reason", kept.Reason), ("$at", Ticks(kept.ErasedAt)),
                    ("$events", events), ("$suppressions", suppressions), ("$tokens", tokens), ("$webhooks", webhooks), ("$replies", replies),
                    ("$index", logIndex), ("$leaves", ErasedLeavesText.Format(kept.ErasedLeaves))).ConfigureAwait(false);
            }

            return kept;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<ErasureRecord> GetErasuresAsync(AccountId account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, $"SELECT {ErasureColumns} FROM erasures WHERE account = $account ORDER BY seq;");
            command.Parameters.AddWithValue("$account", account.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadErasure(account, reader);
            }
        }
    }

    /// <summary>The columns <see cref="ReadErasure"/> reads, in its order.</summary>
    private const string ErasureColumns = "request_id, reason, erased_at, events, suppressions, tokens, webhooks, replies, log_index, leaves";

    /// <summary>An erasure record from a row of <see cref="ErasureColumns"/>; a time or leaf index stored as another type than an integer cannot be read.</summary>
    private static ErasureRecord ReadErasure(AccountId account, SqliteDataReader reader) => new(account, reader.GetString(0), reader.GetString(1), Instant(Integer(reader, 2)))
    {
        Events = reader.GetInt32(3), Suppressions = reader.GetInt32(4), Tokens = reader.GetInt32(5), Webhooks = reader.GetInt32(6), Replies = reader.GetInt32(7),
        LogIndex = reader.IsDBNull(8) ? null : Integer(reader, 8), ErasedLeaves = ErasedLeavesText.Parse(reader.IsDBNull(9) ? null : reader.GetString(9)),
    };

    /// <summary>
    /// An integer column as stored: SQLite keeps any type in any column, and would read 7.5 or '7' as 7 (a record moved
    /// behind the store's back past the unique index of its leaf).
    /// </summary>
    private static long Integer(SqliteDataReader reader, int ordinal) => reader.GetFieldType(ordinal) == typeof(long)
        ? reader.GetInt64(ordinal)
        : throw new FormatException($"The erasure record's {reader.GetName(ordinal)} is stored as {reader.GetDataTypeName(ordinal)}, not as the integer the store writes.");

    /// <summary>The log indexes of the number's events in the account, ascending, before an erasure clears them.</summary>
    private static async Task<IReadOnlyList<long>> ErasedLeavesAsync(SqliteConnection connection, SqliteTransaction transaction, string account, PhoneNumber number,
        CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(connection, transaction, """
            SELECT log_index FROM consent_log INDEXED BY ux_consent_log_event WHERE account = $account
            AND event_id IN (SELECT event_id FROM consent_events WHERE account = $account AND number = $number) ORDER BY log_index;
            """);
        command.Parameters.AddWithValue("$account", account);
        command.Parameters.AddWithValue("$number", (long)number.Value);
        var leaves = new List<long>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leaves.Add(reader.GetInt64(0));
        }

        return leaves;
    }

    public async Task<IReadOnlyList<SuppressedNumber>> GetSuppressionsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (await FindAccountIdAsync(connection, account, cancellationToken).ConfigureAwait(false) is not { } accountId)
            {
                return [];
            }

            using var command = SqliteDatabase.Command(connection, null,
                "SELECT number, list_key, since, source, event_id, paused_until FROM suppressions WHERE account_id = $account AND number = $number ORDER BY list_key;");
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$number", (long)number.Value);
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
            using var command = SqliteDatabase.Command(connection, null, $"""
                SELECT {OutboxColumns} FROM webhook_outbox WHERE account = $account
                AND event_id IN (SELECT event_id FROM consent_events WHERE account = $account AND number = $number) ORDER BY created_at, id;
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$number", (long)number.Value);
            return await ReadMessagesAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<StoredLinkToken>> GetTokensAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                "SELECT token, list, campaign, expires_at FROM link_tokens WHERE number = $number AND account = $account ORDER BY expires_at, token;");
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$number", (long)number.Value);
            var tokens = new List<StoredLinkToken>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tokens.Add(new StoredLinkToken(reader.GetString(0), new OptOutLinkTarget(account, new ListId(reader.GetString(1)), number, StoredValues.Campaign(Text(reader, 2))),
                    Instant(reader.GetInt64(3))));
            }

            return tokens;
        }
    }

    public Task<int> MinimizeEvidenceAsync(DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // Events are visited once, in seq order, from where the last run stopped; one recorded after the cutoff stops the run.
            long watermark;
            using (var read = SqliteDatabase.Command(connection, transaction, "SELECT COALESCE((SELECT minimized_until FROM retention_state WHERE id = 1), 0);"))
            {
                watermark = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            var changed = 0;
            var cutoff = Ticks(recordedBefore);
            using var scan = SqliteDatabase.Command(connection, transaction,
                "SELECT seq, recorded_at, evidence FROM consent_events WHERE seq > $after ORDER BY seq LIMIT 1000;");
            var after = scan.Parameters.Add("$after", SqliteType.Integer);
            using var update = SqliteDatabase.Command(connection, transaction, "UPDATE consent_events SET evidence = $evidence, salt = NULL WHERE seq = $seq;");
            var evidence = update.Parameters.Add("$evidence", SqliteType.Text);
            var seq = update.Parameters.Add("$seq", SqliteType.Integer);
            var done = false;
            while (!done && changed < limit)
            {
                after.Value = watermark;
                var rows = new List<(long Seq, long RecordedAt, string? Evidence)>();
                using (var reader = await scan.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add((reader.GetInt64(0), reader.GetInt64(1), Text(reader, 2)));
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
                        evidence.Value = Nullable(ConsentEvidenceMinimizer.Minimize(row.Evidence));
                        seq.Value = row.Seq;
                        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        changed++;
                    }

                    watermark = row.Seq;
                }
            }

            await ExecuteAsync(connection, transaction,
                "INSERT INTO retention_state (id, minimized_until) VALUES (1, $until) ON CONFLICT (id) DO UPDATE SET minimized_until = excluded.minimized_until;",
                cancellationToken, ("$until", watermark)).ConfigureAwait(false);
            return changed;
        }, cancellationToken);
    }

    /// <summary>
    /// The pseudonym keys of an account's erasures, each checked against the configured key of its id; empty for an
    /// account without any (the common case, which then costs nothing more).
    /// </summary>
    private async Task<int[]> ErasureKeysAsync(SqliteConnection connection, SqliteTransaction? transaction, long accountId, CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(connection, transaction, "SELECT key_id, fingerprint FROM erasure_keys WHERE account_id = $account;");
        command.Parameters.AddWithValue("$account", accountId);
        var keys = new List<int>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _pseudonyms.Verify(reader.GetInt32(0), reader.GetString(1));
            keys.Add(reader.GetInt32(0));
        }

        return [.. keys];
    }

    /// <summary>The pseudonyms of <paramref name="numbers"/> under every key, as one JSON array of signed values, key by key.</summary>
    private string PseudonymArray(int[] keys, ReadOnlySpan<PhoneNumber> numbers)
    {
        var values = new ulong[keys.Length * numbers.Length];
        for (var k = 0; k < keys.Length; k++)
        {
            _pseudonyms.Compute(keys[k], numbers, values.AsSpan(k * numbers.Length, numbers.Length));
        }

        return JsonSerializer.Serialize(Array.ConvertAll(values, v => unchecked((long)v)), PseudonymJsonContext.Default.Int64Array);
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        using var command = SqliteDatabase.Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Source-generated JSON for pseudonym arrays passed to SQLite's json_each.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(long[]))]
internal sealed partial class PseudonymJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
