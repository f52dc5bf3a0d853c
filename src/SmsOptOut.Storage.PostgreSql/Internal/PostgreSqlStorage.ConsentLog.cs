using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>The tamper-evident consent log (<see cref="IConsentLogStore"/>): written by the apply statements, read here.</summary>
internal sealed partial class PostgreSqlStorage : IConsentLogStore
{
    /// <summary>Erasure records are leaves of the log (with the log written), those from before listed by the upgrade's record.</summary>
    public bool ErasuresAreLeaves => options.Value.WritesConsentLog;

    private static readonly string JoinedEventColumns = string.Join(", ", EventColumns.Split(", ").Select(c => "e." + c));

    public async Task<long> GetLogSizeAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, "SELECT COALESCE(max(log_index) + 1, 0) FROM {schema}.consent_log WHERE account = $1;");
            Add(command, account.Value);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    public Task<IReadOnlyList<ConsentLogEntry>> ReadLogAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        return ReadEntriesAsync(account, "l.log_index >= $2 ORDER BY l.log_index LIMIT $3", c =>
        {
            Add(c, from);
            Add(c, limit);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<byte[]>> ReadLeavesAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        return ReadHashesAsync("SELECT log_index, leaf FROM {schema}.consent_log WHERE account = $1 AND log_index >= $2 ORDER BY log_index LIMIT $3;", account, from, limit, cancellationToken);
    }

    public Task<IReadOnlyList<byte[]>> ReadBlockRootsAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        return ReadHashesAsync("SELECT block, root FROM {schema}.consent_log_blocks WHERE account = $1 AND block >= $2 ORDER BY block LIMIT $3;", account, from, limit, cancellationToken);
    }

    public Task WriteBlockRootsAsync(AccountId account, long from, IReadOnlyList<byte[]> roots, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateBlockRoots(account, from, roots);
        return roots.Count == 0 ? Task.CompletedTask : _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                INSERT INTO {schema}.consent_log_blocks (account, block, root)
                SELECT $1, $2 + r.ord - 1, r.root FROM unnest($3::bytea[]) WITH ORDINALITY AS r(root, ord)
                ON CONFLICT (account, block) DO UPDATE SET root = excluded.root;
                """);
            Add(command, account.Value);
            Add(command, from);
            command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. roots] });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>The hashes of rows <c>(position, hash)</c> from <paramref name="from"/> on, in order, up to the first position missing.</summary>
    private async Task<IReadOnlyList<byte[]>> ReadHashesAsync(string sql, AccountId account, long from, int limit, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, sql);
            Add(command, account.Value);
            Add(command, from);
            Add(command, limit);
            var hashes = new List<byte[]>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) == from + hashes.Count)
            {
                hashes.Add(reader.GetFieldValue<byte[]>(1));
            }

            return hashes;
        }
    }

    public async Task<ConsentLogEntry?> FindLogEntryAsync(AccountId account, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return (await ReadEntriesAsync(account, "l.event_id = $2", c => Add(c, eventId), cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public Task AddCheckpointAsync(AccountId account, ConsentCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        StoreArguments.ValidateAccount(account);
        if (checkpoint.Origin != ConsentCheckpoint.OriginOf(account))
        {
            throw new ArgumentException($"The checkpoint of {checkpoint.Origin} is not one of account '{account.Value}''s log.", nameof(checkpoint));
        }

        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                INSERT INTO {schema}.consent_checkpoints (account, tree_size, time, root, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING;
                """);
            Add(command, account.Value);
            Add(command, checkpoint.TreeSize);
            Add(command, Utc(checkpoint.Time));
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = checkpoint.RootHash });
            Add(command, checkpoint.KeyId);
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = checkpoint.Signature });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<ConsentCheckpoint?> GetLatestCheckpointAsync(AccountId account, CancellationToken cancellationToken = default) =>
        await ReadCheckpointsAsync(account, "ORDER BY tree_size DESC, time DESC LIMIT 1", cancellationToken).ConfigureAwait(false) is [var latest, ..] ? latest : null;

    public Task<IReadOnlyList<ConsentCheckpoint>> GetCheckpointsAsync(AccountId account, CancellationToken cancellationToken = default) =>
        ReadCheckpointsAsync(account, "ORDER BY tree_size, time", cancellationToken);

    private async Task<IReadOnlyList<ConsentCheckpoint>> ReadCheckpointsAsync(AccountId account, string order, CancellationToken cancellationToken)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, "SELECT tree_size, time, root, key_id, signature FROM {schema}.consent_checkpoints WHERE account = $1 " + order + ";");
            Add(command, account.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var checkpoints = new List<ConsentCheckpoint>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                checkpoints.Add(new ConsentCheckpoint(ConsentCheckpoint.OriginOf(account), reader.GetInt64(0), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<DateTimeOffset>(1),
                    reader.GetString(3), reader.GetFieldValue<byte[]>(4)));
            }

            return checkpoints;
        }
    }

    /// <summary>
    /// One batch of the one-time backfill (migration 20, docs/evidence.md), under the state row's lock (instances take
    /// turns): the next events in seq order after where it stands; each without a leaf (recorded before migration 18)
    /// gets a fresh salt and a leaf computed from its stored record (times as stored: microseconds), appended to its
    /// account's log under the account's log lock the apply path takes, and marked with <paramref name="at"/>. Where it
    /// stands moves in the same transaction, so no event gets two leaves and none is skipped.
    /// </summary>
    private static async Task<(long Changed, bool Done)> BackfillConsentLogAsync(PostgreSqlDatabase database, NpgsqlConnection connection, NpgsqlTransaction transaction,
        int batchSize, DateTimeOffset at, CancellationToken cancellationToken)
    {
        long after;
        bool finished, listed;
        using (var state = database.Command(connection, transaction, "SELECT after_seq, done, erasures_listed FROM {schema}.consent_log_backfill WHERE id = 1 FOR UPDATE;"))
        using (var reader = await state.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return (0, true);
            }

            (after, finished, listed) = (reader.GetInt64(0), reader.GetBoolean(1), reader.GetBoolean(2));
        }

        if (finished)
        {
            if (!listed)
            {
                await ListErasedLeavesAsync(database, connection, transaction, at, cancellationToken).ConfigureAwait(false);
            }

            return (0, true);
        }

        var events = new List<(long Seq, ConsentEvent Event)>();
        using (var scan = database.Command(connection, transaction, $$"""
            SELECT {{EventColumns}}, seq FROM {schema}.consent_events WHERE seq > $1 ORDER BY seq LIMIT $2;
            """))
        {
            scan.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
            scan.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
            using var reader = await scan.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add((reader.GetInt64(13), ReadEvent(reader)));
            }
        }

        // The accounts' log locks, in a stable order, before looking for leaves: an apply committing meanwhile is seen.
        using (var locks = database.Command(connection, transaction, "SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) AS k;"))
        {
            locks.Parameters.Add(new NpgsqlParameter<long[]>
            {
                TypedValue = events.Select(e => PostgreSqlDatabase.LockKey($"{database.SchemaName}:log:{e.Event.Account.Value}")).Distinct().Order().ToArray(),
            });
            await locks.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long added = 0;
        using (var append = database.Command(connection, transaction, """
            WITH missing AS (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM {schema}.consent_log WHERE account = $1 AND event_id = $2)),
            ev AS (UPDATE {schema}.consent_events SET salt = $3 WHERE seq = $4 AND EXISTS (SELECT 1 FROM missing))
            INSERT INTO {schema}.consent_log (account, log_index, leaf, event_id, backfilled_at)
            SELECT $1, COALESCE((SELECT max(log_index) + 1 FROM {schema}.consent_log WHERE account = $1), 0), $5, $2, $6 WHERE EXISTS (SELECT 1 FROM missing);
            """))
        {
            var account = new NpgsqlParameter<string>();
            var id = new NpgsqlParameter<string>();
            var salt = new NpgsqlParameter<byte[]>();
            var seq = new NpgsqlParameter<long>();
            var leaf = new NpgsqlParameter<byte[]>();
            append.Parameters.AddRange(new NpgsqlParameter[] { account, id, salt, seq, leaf, new NpgsqlParameter<DateTimeOffset> { TypedValue = at } });
            foreach (var (eventSeq, e) in events)
            {
                var fresh = SaltColumn.New(e);
                (account.TypedValue, id.TypedValue, salt.TypedValue, seq.TypedValue, leaf.TypedValue) = (e.Account.Value, e.EventId, fresh, eventSeq, ConsentLogLeaf.Hash(e, SaltColumn.Salt(fresh)));
                added += await append.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var done = events.Count < batchSize;
        using (var state = database.Command(connection, transaction, "UPDATE {schema}.consent_log_backfill SET after_seq = $1, done = $2 WHERE id = 1;"))
        {
            state.Parameters.Add(new NpgsqlParameter<long> { TypedValue = events.Count == 0 ? after : events[^1].Seq });
            state.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = done });
            await state.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (done && !listed)
        {
            await ListErasedLeavesAsync(database, connection, transaction, at, cancellationToken).ConfigureAwait(false);
        }

        return (added, done);
    }

    /// <summary>
    /// The one-time step after the backfill (migration 23, docs/evidence.md "Erasure records in the log"), under the state
    /// row's lock: each account's leaves that lost their events to erasures from before their records were leaves are
    /// listed by one erasure record, <see cref="UpgradeErasureRecord"/>, appended to its log under the account's log lock;
    /// then it is marked done, in the same transaction.
    /// </summary>
    private static async Task ListErasedLeavesAsync(PostgreSqlDatabase database, NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var erased = new List<(string Account, long Index)>();
        using (var scan = database.Command(connection, transaction, """
            SELECT l.account, l.log_index FROM {schema}.consent_log AS l
            WHERE l.event_id IS NULL AND NOT EXISTS (SELECT 1 FROM {schema}.erasures AS r WHERE r.account = l.account
                AND (r.log_index = l.log_index OR l.log_index = ANY (r.leaves)))
            ORDER BY l.account, l.log_index;
            """))
        using (var reader = await scan.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                erased.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        foreach (var account in erased.GroupBy(e => e.Account, StringComparer.Ordinal))
        {
            using (var locked = database.Command(connection, transaction, "SELECT pg_advisory_xact_lock($1);"))
            {
                locked.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgreSqlDatabase.LockKey($"{database.SchemaName}:log:{account.Key}") });
                await locked.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long next;
            using (var size = database.Command(connection, transaction, "SELECT COALESCE(max(log_index) + 1, 0) FROM {schema}.consent_log WHERE account = $1;"))
            {
                size.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Key });
                next = (long)(await size.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            var record = UpgradeErasureRecord.Of(new AccountId(account.Key), [.. account.Select(e => e.Index)], at, next);
            using var append = database.Command(connection, transaction, """
                WITH leaf AS (INSERT INTO {schema}.consent_log (account, log_index, leaf, event_id) VALUES ($1, $2, $3, NULL))
                INSERT INTO {schema}.erasures (account, request_id, reason, erased_at, events, suppressions, tokens, webhooks, replies, log_index, leaves)
                VALUES ($1, $4, $5, $6, $7, 0, 0, 0, 0, $2, $8);
                """);
            append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Key });
            append.Parameters.Add(new NpgsqlParameter<long> { TypedValue = next });
            append.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ConsentLogLeaf.ErasureHash(record) });
            append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.RequestId });
            append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Reason });
            append.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.ErasedAt });
            append.Parameters.Add(new NpgsqlParameter<int> { TypedValue = record.Events });
            append.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. record.ErasedLeaves] });
            await append.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var listed = database.Command(connection, transaction, "UPDATE {schema}.consent_log_backfill SET erasures_listed = true WHERE id = 1;");
        await listed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ConsentLogEntry>> ReadEntriesAsync(AccountId account, string where, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, $$"""
                SELECT {{JoinedEventColumns}}, e.salt, l.log_index, l.leaf, l.event_id, l.backfilled_at FROM {schema}.consent_log AS l
                LEFT JOIN {schema}.consent_events AS e ON e.account = l.account AND e.event_id = l.event_id
                WHERE l.account = $1 AND {{where}};
                """);
            Add(command, account.Value);
            parameters(command);
            var entries = new List<ConsentLogEntry>();
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var found = !reader.IsDBNull(0);
                    var (index, leaf, id) = (reader.GetInt64(14), reader.GetFieldValue<byte[]>(15), reader.IsDBNull(16) ? null : reader.GetString(16));
                    var backfilledAt = reader.IsDBNull(17) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(17);
                    try
                    {
                        var (salt, check) = found && !reader.IsDBNull(13) ? SaltColumn.Split(reader.GetFieldValue<byte[]>(13)) : (null, null);
                        entries.Add(new ConsentLogEntry(index, leaf, id, found ? ReadEvent(reader) : null, salt) { BackfilledAt = backfilledAt, FieldCheck = check });
                    }
                    catch (Exception e) when (StoredRecord.IsUnreadable(e))
                    {
                        entries.Add(new ConsentLogEntry(index, leaf, id, null, null) { BackfilledAt = backfilledAt, Unreadable = e.Message });
                    }
                }
            }

            return await WithErasuresAsync(connection, account, entries, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The entries with the erasure records that are leaves among them: one read of the account's records in the range of
    /// the entries without events, only when there are such entries (an erasure is rare).
    /// </summary>
    private async Task<List<ConsentLogEntry>> WithErasuresAsync(NpgsqlConnection connection, AccountId account, List<ConsentLogEntry> entries, CancellationToken cancellationToken)
    {
        var erasures = new ErasureEntries(entries);
        if (!erasures.Any)
        {
            return entries;
        }

        using var command = _database.Command(connection, null, $"SELECT {ErasureColumns} FROM {{schema}}.erasures WHERE account = $1 AND log_index BETWEEN $2 AND $3;");
        Add(command, account.Value);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = erasures.From });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = erasures.To });
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            erasures.Attach(reader.GetInt64(8), () => ReadErasure(account, reader));
        }

        return entries;
    }
}
