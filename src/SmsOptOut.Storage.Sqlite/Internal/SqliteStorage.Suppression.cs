using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.Sqlite.Internal;

internal sealed partial class SqliteStorage : ISuppressionPauses
{
    private const string EventColumns = "event_id, account, number, kind, source, scope, list, campaign, occurred_at, recorded_at, evidence, paused_until, reverts";

    /// <summary>An applied event; alone only with <see cref="SqliteStorageOptions.WritesConsentLog"/> off (benchmarks), its salt then null.</summary>
    private const string InsertEventWithoutLogSql = $"""
        INSERT INTO consent_events ({EventColumns}, salt)
        VALUES ($id, $account, $number, $kind, $source, $scope, $list, $campaign, $occurred, $recorded, $evidence, $paused, $ends, $salt);
        """;

    /// <summary>An applied event and its leaf, which joins its account's log in the same transaction (the single writer orders the log).</summary>
    private const string InsertEventSql = InsertEventWithoutLogSql + """
        INSERT INTO consent_log (account, log_index, leaf, event_id) VALUES ($account, $index, $leaf, $id);
        """;

    public Task<ConsentApplyStatus> ApplyAsync(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.Validate(consentEvent, outbox);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var statements = new SqliteStatements(connection, transaction);
            return await ApplyOneAsync(statements, consentEvent, outbox, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ConsentApplyStatus>> ApplyBatchAsync(IReadOnlyList<ConsentWrite> writes, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.Validate(writes);
        return _database.WriteAsync<IReadOnlyList<ConsentApplyStatus>>(async (connection, transaction) =>
        {
            var statuses = new ConsentApplyStatus[writes.Count];
            using var statements = new SqliteStatements(connection, transaction);
            for (var i = 0; i < writes.Count; i++)
            {
                statuses[i] = await ApplyOneAsync(statements, writes[i].Event, writes[i].Outbox, cancellationToken).ConfigureAwait(false);
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
            if (await FindAccountIdAsync(connection, account, cancellationToken).ConfigureAwait(false) is not { } accountId)
            {
                return false;
            }

            using var command = SqliteDatabase.Command(connection, null,
                "SELECT EXISTS (SELECT 1 FROM suppressions WHERE account_id = $account AND number = $number AND list_key IN ('', $list));");
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$number", (long)number.Value);
            command.Parameters.AddWithValue("$list", list?.Value ?? string.Empty);
            if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1)
            {
                return true;
            }

            // After the ordinary index: an erasure that commits in between has put the pseudonym in place first.
            var flags = new bool[1];
            return await FilterErasedAsync(connection, accountId, list, new[] { number }, flags, cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    public async Task<int> FilterAsync(AccountId account, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.ValidateFilter(account, numbers, suppressed);
        suppressed.Span[..numbers.Length].Clear();
        if (numbers.IsEmpty)
        {
            return 0;
        }

        long accountId;
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (await FindAccountIdAsync(connection, account, cancellationToken).ConfigureAwait(false) is not { } id)
            {
                return 0;
            }

            accountId = id;
        }

        if (_snapshots is { } snapshots && await snapshots.MarkAsync(account.Value, list, numbers, suppressed, (position, ct) => ReadSnapshotDeltaAsync(accountId, position, ct),
            (builder, ct) => LoadSnapshotAsync(accountId, builder, ct), cancellationToken).ConfigureAwait(false) is { } inMemory)
        {
            return inMemory;
        }

        // WAL readers do not block each other, so a large batch is probed in two halves on two pooled connections at
        // once: the index probes, not the I/O, are the cost.
        var count = await ParallelProbe.InHalvesAsync(numbers, suppressed, async (slice, flags) =>
        {
            var reader = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await FilterRangeAsync(reader, accountId, list, slice, flags, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);

        // After the ordinary probe: an erasure that committed meanwhile has moved its number to a pseudonym and moved the
        // version, so the held pseudonyms of that version (or a later one) catch it.
        var held = await FilterHeldErasedAsync(account, accountId, list, numbers, suppressed, cancellationToken).ConfigureAwait(false);
        if (held is { } erased)
        {
            return count + erased;
        }

        var fallback = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (fallback.ConfigureAwait(false))
        {
            return count + await FilterErasedAsync(fallback, accountId, list, numbers, suppressed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The numbers suppressed under a pseudonym, checked in memory; <see langword="null"/> when the account has too many to hold.</summary>
    private async Task<int?> FilterHeldErasedAsync(AccountId account, long accountId, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed,
        CancellationToken cancellationToken)
    {
        long version;
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, "SELECT erasure_version FROM accounts WHERE id = $account;");
            command.Parameters.AddWithValue("$account", accountId);
            version = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        return await _erased.MarkAsync(account.Value, version, ct => LoadErasedAsync(accountId, ct), list, numbers, suppressed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account's keys and pseudonymous suppressions with their version, in one read transaction.</summary>
    private async Task<ErasedSuppressionCache.Snapshot?> LoadErasedAsync(long accountId, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var snapshot = connection.BeginTransaction(deferred: true);
            using var version = SqliteDatabase.Command(connection, snapshot, "SELECT erasure_version, (SELECT COUNT(*) FROM erased_suppressions WHERE account_id = $account) FROM accounts WHERE id = $account;");
            version.Parameters.AddWithValue("$account", accountId);
            long current, rows;
            using (var reader = await version.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                (current, rows) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            if (rows > ErasedSuppressionCache.MaxHeld)
            {
                return null;
            }

            var keys = await ErasureKeysAsync(connection, snapshot, accountId, cancellationToken).ConfigureAwait(false);
            using var select = SqliteDatabase.Command(connection, snapshot, "SELECT pseudonym, list_key FROM erased_suppressions WHERE account_id = $account;");
            select.Parameters.AddWithValue("$account", accountId);
            var erased = new List<(ulong, string)>((int)rows);
            using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    erased.Add((unchecked((ulong)reader.GetInt64(0)), reader.GetString(1)));
                }
            }

            snapshot.Commit();
            return ErasedSuppressionCache.Snapshot.From(current, keys, erased);
        }
    }

    /// <summary>
    /// Marks the numbers not yet flagged that are suppressed under a pseudonym, in the database (single numbers, and
    /// accounts with more erasures than are held in memory); returns how many. For an account without erasures this is
    /// one indexed read and no pseudonym is computed.
    /// </summary>
    private async Task<int> FilterErasedAsync(SqliteConnection connection, long accountId, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed,
        CancellationToken cancellationToken)
    {
        var keys = await ErasureKeysAsync(connection, null, accountId, cancellationToken).ConfigureAwait(false);
        if (keys.Length == 0)
        {
            return 0;
        }

        var misses = new List<int>();
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!suppressed.Span[i])
            {
                misses.Add(i);
            }
        }

        if (misses.Count == 0)
        {
            return 0;
        }

        var candidates = misses.Select(i => numbers.Span[i]).ToArray();
        using var command = SqliteDatabase.Command(connection, null, """
            SELECT j.key FROM json_each($pseudonyms) AS j
            WHERE EXISTS (SELECT 1 FROM erased_suppressions AS e WHERE e.account_id = $account AND e.pseudonym = j.value AND e.list_key IN ('', $list));
            """);
        command.Parameters.AddWithValue("$pseudonyms", PseudonymArray(keys, candidates));
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$list", list?.Value ?? string.Empty);
        var count = 0;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var position = misses[reader.GetInt32(0) % candidates.Length];
            if (!suppressed.Span[position])
            {
                suppressed.Span[position] = true;
                count++;
            }
        }

        return count;
    }

    public async IAsyncEnumerable<ConsentEvent> GetHistoryAsync(AccountId account, PhoneNumber number, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                $"SELECT {EventColumns} FROM consent_events WHERE account = $account AND number = $number ORDER BY seq;");
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$number", (long)number.Value);
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
            if (await FindAccountIdAsync(connection, account, cancellationToken).ConfigureAwait(false) is not { } accountId)
            {
                return [];
            }

            using var command = SqliteDatabase.Command(connection, null, """
                SELECT number, list_key, since, source, event_id, paused_until FROM suppressions
                WHERE account_id = $account AND (number > $number OR (number = $number AND list_key > $list))
                ORDER BY number, list_key LIMIT $limit;
                """);
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$number", (long)after.Number.Value);
            command.Parameters.AddWithValue("$list", after.ListKey ?? string.Empty);
            command.Parameters.AddWithValue("$limit", limit);
            var page = new List<SuppressedNumber>(Math.Min(limit, 1_024));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add(ReadSuppression(reader));
            }

            return page;
        }
    }

    public async Task<IReadOnlyList<SuppressedNumber>> GetEndedPausesAsync(AccountId account, DateTimeOffset endedBy, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidatePage(account, limit);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (await FindAccountIdAsync(connection, account, cancellationToken).ConfigureAwait(false) is not { } accountId)
            {
                return [];
            }

            using var command = SqliteDatabase.Command(connection, null, """
                SELECT number, list_key, since, source, event_id, paused_until FROM suppressions
                WHERE account_id = $account AND paused_until IS NOT NULL AND paused_until <= $now
                ORDER BY paused_until, number LIMIT $limit;
                """);
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$now", Ticks(endedBy));
            command.Parameters.AddWithValue("$limit", limit);
            var page = new List<SuppressedNumber>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add(ReadSuppression(reader));
            }

            return page;
        }
    }

    /// <summary>A suppression row read as <c>number, list_key, since, source, event_id, paused_until</c>.</summary>
    internal static SuppressedNumber ReadSuppression(SqliteDataReader reader)
    {
        var listKey = reader.GetString(1);
        return new SuppressedNumber(PhoneNumber.FromValue((ulong)reader.GetInt64(0)), StoredValues.List(listKey.Length == 0 ? null : listKey),
            Instant(reader.GetInt64(2)), (OptOutSource)reader.GetInt32(3), reader.GetString(4))
        {
            PausedUntil = reader.IsDBNull(5) ? null : Instant(reader.GetInt64(5)),
        };
    }

    public async IAsyncEnumerable<ConsentEvent> GetEventsAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                $"SELECT {EventColumns} FROM consent_events WHERE account = $account AND recorded_at > $after AND recorded_at <= $until ORDER BY recorded_at, seq;");
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$after", Ticks(recordedAfter));
            command.Parameters.AddWithValue("$until", Ticks(recordedUntil));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ReadEvent(reader);
            }
        }
    }

    /// <summary>
    /// One statement per batch: the numbers travel sorted (neighbouring index pages) as one JSON array, and the
    /// suppressed ones come back by their position in it. Pseudonymous suppressions are checked afterwards.
    /// </summary>
    private static async Task<int> FilterRangeAsync(SqliteConnection connection, long accountId, ListId? list, ReadOnlyMemory<PhoneNumber> numbers,
        Memory<bool> suppressed, CancellationToken cancellationToken)
    {
        var order = new int[numbers.Length];
        var sorted = new ulong[numbers.Length];
        var span = numbers.Span;
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            sorted[i] = span[i].Value;
        }

        Array.Sort(sorted, order);
        using var command = SqliteDatabase.Command(connection, null, list is null
            ? "SELECT j.key FROM json_each($numbers) AS j WHERE EXISTS (SELECT 1 FROM suppressions AS s WHERE s.account_id = $account AND s.number = j.value AND s.list_key = '');"
            : "SELECT j.key FROM json_each($numbers) AS j WHERE EXISTS (SELECT 1 FROM suppressions AS s WHERE s.account_id = $account AND s.number = j.value AND s.list_key IN ('', $list));");
        command.Parameters.AddWithValue("$numbers", JsonArray(sorted));
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$list", list?.Value ?? string.Empty);
        var count = 0;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            suppressed.Span[order[reader.GetInt32(0)]] = true;
            count++;
        }

        return count;
    }

    private async Task<ConsentApplyStatus> ApplyOneAsync(SqliteStatements statements, ConsentEvent e, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        var duplicate = statements.Get("SELECT EXISTS (SELECT 1 FROM consent_events WHERE account = $account AND event_id = $id);");
        duplicate.Parameters.AddWithValue("$account", e.Account.Value);
        duplicate.Parameters.AddWithValue("$id", e.EventId);
        if ((long)(await duplicate.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1)
        {
            return ConsentApplyStatus.Duplicate;
        }

        var accountId = await EnsureAccountIdAsync(statements, e.Account, cancellationToken).ConfigureAwait(false);
        var changed = await ChangeSuppressionAsync(statements, accountId, e, cancellationToken).ConfigureAwait(false);
        if (e is { Kind: ConsentKind.OptIn, Reverts: null })
        {
            changed |= await LiftErasedAsync(statements.Connection, statements.Transaction, accountId, e, cancellationToken).ConfigureAwait(false);
        }

        if (!changed)
        {
            return ConsentApplyStatus.AlreadyInState;
        }

        var logged = options.Value.WritesConsentLog;
        var insert = statements.Get(logged ? InsertEventSql : InsertEventWithoutLogSql);
        insert.Parameters.AddWithValue("$id", e.EventId);
        insert.Parameters.AddWithValue("$account", e.Account.Value);
        insert.Parameters.AddWithValue("$number", (long)e.Number.Value);
        insert.Parameters.AddWithValue("$kind", (int)e.Kind);
        insert.Parameters.AddWithValue("$source", (int)e.Source);
        insert.Parameters.AddWithValue("$scope", (int)e.Scope);
        insert.Parameters.AddWithValue("$list", Nullable(e.List?.Value));
        insert.Parameters.AddWithValue("$campaign", Nullable(e.Campaign?.Value));
        insert.Parameters.AddWithValue("$occurred", Ticks(e.OccurredAt));
        insert.Parameters.AddWithValue("$recorded", Ticks(e.RecordedAt));
        insert.Parameters.AddWithValue("$evidence", Nullable(ConsentEvidenceJson.Serialize(e.Evidence)));
        insert.Parameters.AddWithValue("$paused", e.PausedUntil is { } paused ? Ticks(paused) : DBNull.Value);
        insert.Parameters.AddWithValue("$ends", Nullable(e.Reverts));
        if (!logged)
        {
            insert.Parameters.AddWithValue("$salt", DBNull.Value);
        }
        else
        {
            var salt = SaltColumn.New(e);
            insert.Parameters.AddWithValue("$salt", salt);
            insert.Parameters.AddWithValue("$leaf", SmsOptOut.Evidence.ConsentLogLeaf.Hash(e, SaltColumn.Salt(salt)));
            insert.Parameters.AddWithValue("$index", await NextLogIndexAsync(statements, e.Account.Value, cancellationToken).ConfigureAwait(false));
        }
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        foreach (var message in outbox)
        {
            await InsertOutboxAsync(statements, message, cancellationToken).ConfigureAwait(false);
        }

        return ConsentApplyStatus.Applied;
    }

    /// <summary>The log index of an account's next leaf in this transaction (<see cref="SqliteStatements.NextLogIndexes"/>).</summary>
    private static async Task<long> NextLogIndexAsync(SqliteStatements statements, string account, CancellationToken cancellationToken)
    {
        if (!statements.NextLogIndexes.TryGetValue(account, out var next))
        {
            var read = statements.Get("SELECT COALESCE(MAX(log_index) + 1, 0) FROM consent_log WHERE account = $account;");
            read.Parameters.AddWithValue("$account", account);
            next = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        statements.NextLogIndexes[account] = next + 1;
        return next;
    }

    /// <summary>An opt-in lifts the pseudonymous suppressions of an erased number too (all of them, or its list's): a fresh start.</summary>
    private async Task<bool> LiftErasedAsync(SqliteConnection connection, SqliteTransaction transaction, long accountId, ConsentEvent e, CancellationToken cancellationToken)
    {
        var keys = await ErasureKeysAsync(connection, transaction, accountId, cancellationToken).ConfigureAwait(false);
        if (keys.Length == 0)
        {
            return false;
        }

        using var command = SqliteDatabase.Command(connection, transaction, e.Scope == SuppressionScope.Account
            ? "DELETE FROM erased_suppressions WHERE account_id = $account AND pseudonym IN (SELECT value FROM json_each($pseudonyms));"
            : "DELETE FROM erased_suppressions WHERE account_id = $account AND pseudonym IN (SELECT value FROM json_each($pseudonyms)) AND list_key = $list;");
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$pseudonyms", PseudonymArray(keys, [e.Number]));
        command.Parameters.AddWithValue("$list", e.List?.Value ?? string.Empty);
        var lifted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        if (lifted)
        {
            await BumpErasureVersionAsync(connection, transaction, accountId, cancellationToken).ConfigureAwait(false);
        }

        return lifted;
    }

    /// <summary>Moves the version of the account's pseudonymous suppressions, in the transaction that changes them.</summary>
    private static async Task BumpErasureVersionAsync(SqliteConnection connection, SqliteTransaction transaction, long accountId, CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(connection, transaction, "UPDATE accounts SET erasure_version = erasure_version + 1 WHERE id = $account;");
        command.Parameters.AddWithValue("$account", accountId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates the suppression rows for the event; false when it would change nothing.</summary>
    private static async Task<bool> ChangeSuppressionAsync(SqliteStatements statements, long accountId, ConsentEvent e, CancellationToken cancellationToken)
    {
        var listKey = e.Scope == SuppressionScope.List ? e.List!.Value.Value : string.Empty;
        var sql = (e.Kind, e.Scope) switch
        {
            // Over a pause, a lasting opt-out makes it permanent and a new pause moves its end; a pause never weakens an opt-out.
            (ConsentKind.OptOut, SuppressionScope.Account) => """
                INSERT INTO suppressions (account_id, number, list_key, since, source, event_id, paused_until) VALUES ($account, $number, '', $since, $source, $id, $paused)
                ON CONFLICT (account_id, number, list_key) DO UPDATE
                SET since = excluded.since, source = excluded.source, event_id = excluded.event_id, paused_until = excluded.paused_until
                WHERE suppressions.paused_until IS NOT NULL AND suppressions.paused_until IS NOT excluded.paused_until;
                """,
            (ConsentKind.OptOut, _) => """
                INSERT INTO suppressions (account_id, number, list_key, since, source, event_id)
                SELECT $account, $number, $list, $since, $source, $id
                WHERE NOT EXISTS (SELECT 1 FROM suppressions WHERE account_id = $account AND number = $number
                    AND (list_key = $list OR (list_key = '' AND paused_until IS NULL)));
                """,
            (ConsentKind.OptIn, SuppressionScope.Account) when e.Reverts is not null =>
                "DELETE FROM suppressions WHERE account_id = $account AND number = $number AND list_key = '' AND event_id = $ends;",
            (ConsentKind.OptIn, SuppressionScope.Account) => "DELETE FROM suppressions WHERE account_id = $account AND number = $number;",
            _ => "DELETE FROM suppressions WHERE account_id = $account AND number = $number AND list_key = $list;",
        };

        var command = statements.Get(sql);
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$number", (long)e.Number.Value);
        command.Parameters.AddWithValue("$list", listKey);
        command.Parameters.AddWithValue("$since", Ticks(e.OccurredAt));
        command.Parameters.AddWithValue("$source", (int)e.Source);
        command.Parameters.AddWithValue("$id", e.EventId);
        command.Parameters.AddWithValue("$paused", e.PausedUntil is { } paused ? Ticks(paused) : DBNull.Value);
        command.Parameters.AddWithValue("$ends", e.Reverts ?? string.Empty);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static ConsentEvent ReadEvent(SqliteDataReader reader) => new()
    {
        EventId = reader.GetString(0),
        Account = new AccountId(reader.GetString(1)),
        Number = PhoneNumber.FromValue((ulong)reader.GetInt64(2)),
        Kind = (ConsentKind)reader.GetInt32(3),
        Source = (OptOutSource)reader.GetInt32(4),
        Scope = (SuppressionScope)reader.GetInt32(5),
        List = StoredValues.List(Text(reader, 6)),
        Campaign = StoredValues.Campaign(Text(reader, 7)),
        OccurredAt = Instant(reader.GetInt64(8)),
        RecordedAt = Instant(reader.GetInt64(9)),
        Evidence = ConsentEvidenceJson.Deserialize(Text(reader, 10)),
        PausedUntil = reader.IsDBNull(11) ? null : Instant(reader.GetInt64(11)),
        Reverts = Text(reader, 12),
    };

    private static string JsonArray(ulong[] numbers)
    {
        var json = new StringBuilder((numbers.Length * 16) + 2).Append('[');
        for (var i = 0; i < numbers.Length; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append(numbers[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return json.Append(']').ToString();
    }
}
