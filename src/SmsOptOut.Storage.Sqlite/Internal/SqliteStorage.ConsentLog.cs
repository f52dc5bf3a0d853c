using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>The tamper-evident consent log (<see cref="IConsentLogStore"/>): written by the apply transaction, read here.</summary>
internal sealed partial class SqliteStorage : IConsentLogStore
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
            using var command = SqliteDatabase.Command(connection, null, "SELECT COALESCE(MAX(log_index) + 1, 0) FROM consent_log WHERE account = $account;");
            command.Parameters.AddWithValue("$account", account.Value);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    public async Task<IReadOnlyList<ConsentLogEntry>> ReadLogAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        return await ReadEntriesAsync(account, "l.log_index >= $from ORDER BY l.log_index LIMIT $limit", c =>
        {
            c.Parameters.AddWithValue("$from", from);
            c.Parameters.AddWithValue("$limit", limit);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<byte[]>> ReadLeavesAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        return ReadHashesAsync("SELECT log_index, leaf FROM consent_log WHERE account = $account AND log_index >= $from ORDER BY log_index LIMIT $limit;",
            account, from, limit, cancellationToken);
    }

    public Task<IReadOnlyList<byte[]>> ReadBlockRootsAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        return ReadHashesAsync("SELECT block, root FROM consent_log_blocks WHERE account = $account AND block >= $from ORDER BY block LIMIT $limit;",
            account, from, limit, cancellationToken);
    }

    public Task WriteBlockRootsAsync(AccountId account, long from, IReadOnlyList<byte[]> roots, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateBlockRoots(account, from, roots);
        return roots.Count == 0 ? Task.CompletedTask : _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, "INSERT OR REPLACE INTO consent_log_blocks (account, block, root) VALUES ($account, $block, $root);");
            command.Parameters.AddWithValue("$account", account.Value);
            var block = command.Parameters.Add("$block", SqliteType.Integer);
            var root = command.Parameters.Add("$root", SqliteType.Blob);
            for (var i = 0; i < roots.Count; i++)
            {
                (block.Value, root.Value) = (from + i, roots[i]);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return roots.Count;
        }, cancellationToken);
    }

    /// <summary>The hashes of rows <c>(position, hash)</c> from <paramref name="from"/> on, in order, up to the first position missing.</summary>
    private async Task<IReadOnlyList<byte[]>> ReadHashesAsync(string sql, AccountId account, long from, int limit, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, sql);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$limit", limit);
            var hashes = new List<byte[]>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) == from + hashes.Count)
            {
                hashes.Add((byte[])reader.GetValue(1));
            }

            return hashes;
        }
    }

    public async Task<ConsentLogEntry?> FindLogEntryAsync(AccountId account, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return (await ReadEntriesAsync(account, "l.event_id = $event", c => c.Parameters.AddWithValue("$event", eventId), cancellationToken).ConfigureAwait(false))
            .SingleOrDefault();
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
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT OR IGNORE INTO consent_checkpoints (account, tree_size, time, root, key_id, signature) VALUES ($account, $size, $time, $root, $key, $signature);
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$size", checkpoint.TreeSize);
            command.Parameters.AddWithValue("$time", Ticks(checkpoint.Time));
            command.Parameters.AddWithValue("$root", checkpoint.RootHash);
            command.Parameters.AddWithValue("$key", checkpoint.KeyId);
            command.Parameters.AddWithValue("$signature", checkpoint.Signature);
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
            using var command = SqliteDatabase.Command(connection, null, $"SELECT tree_size, time, root, key_id, signature FROM consent_checkpoints WHERE account = $account {order};");
            command.Parameters.AddWithValue("$account", account.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var checkpoints = new List<ConsentCheckpoint>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                checkpoints.Add(new ConsentCheckpoint(ConsentCheckpoint.OriginOf(account), reader.GetInt64(0), (byte[])reader.GetValue(2), Instant(reader.GetInt64(1)),
                    reader.GetString(3), (byte[])reader.GetValue(4)));
            }

            return checkpoints;
        }
    }

    /// <summary>
    /// One batch of the one-time backfill (migration 20, docs/evidence.md): the next events in seq order after where it
    /// stands; each without a leaf (recorded before migration 18) gets a fresh salt and a leaf computed from its stored
    /// record, as verification recomputes it, appended to its account's log and marked with <paramref name="at"/>. Where
    /// it stands moves in the same transaction, so no event gets two leaves and none is skipped.
    /// </summary>
    private static async Task<(long Changed, bool Done)> BackfillConsentLogAsync(SqliteConnection connection, SqliteTransaction transaction, int batchSize, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        long after;
        using (var state = SqliteDatabase.Command(connection, transaction, "SELECT after_seq, done, erasures_listed FROM consent_log_backfill WHERE id = 1;"))
        using (var reader = await state.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return (0, true);
            }

            if (reader.GetInt64(1) == 1)
            {
                if (reader.GetInt64(2) == 0)
                {
                    await ListErasedLeavesAsync(connection, transaction, at, cancellationToken).ConfigureAwait(false);
                }

                return (0, true);
            }

            after = reader.GetInt64(0);
        }

        var missing = new List<(long Seq, ConsentEvent Event)>();
        var last = after;
        var read = 0;
        using (var scan = SqliteDatabase.Command(connection, transaction, $"""
            SELECT {EventColumns}, seq, EXISTS (SELECT 1 FROM consent_log AS l WHERE l.account = e.account AND l.event_id = e.event_id)
            FROM consent_events AS e WHERE seq > $after ORDER BY seq LIMIT $limit;
            """))
        {
            scan.Parameters.AddWithValue("$after", after);
            scan.Parameters.AddWithValue("$limit", batchSize);
            using var reader = await scan.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                read++;
                last = reader.GetInt64(13);
                if (reader.GetInt64(14) == 0)
                {
                    missing.Add((last, ReadEvent(reader)));
                }
            }
        }

        using (var append = SqliteDatabase.Command(connection, transaction, """
            UPDATE consent_events SET salt = $salt WHERE seq = $seq;
            INSERT INTO consent_log (account, log_index, leaf, event_id, backfilled_at)
            SELECT $account, COALESCE(MAX(log_index) + 1, 0), $leaf, $id, $at FROM consent_log WHERE account = $account;
            """))
        {
            var salt = append.Parameters.Add("$salt", SqliteType.Blob);
            var seq = append.Parameters.Add("$seq", SqliteType.Integer);
            var account = append.Parameters.Add("$account", SqliteType.Text);
            var leaf = append.Parameters.Add("$leaf", SqliteType.Blob);
            var id = append.Parameters.Add("$id", SqliteType.Text);
            append.Parameters.AddWithValue("$at", Ticks(at));
            foreach (var (eventSeq, e) in missing)
            {
                var fresh = SaltColumn.New(e);
                (salt.Value, seq.Value, account.Value, leaf.Value, id.Value) = (fresh, eventSeq, e.Account.Value, ConsentLogLeaf.Hash(e, SaltColumn.Salt(fresh)), e.EventId);
                await append.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var done = read < batchSize;
        using (var state = SqliteDatabase.Command(connection, transaction, "UPDATE consent_log_backfill SET after_seq = $last, done = $done WHERE id = 1;"))
        {
            state.Parameters.AddWithValue("$last", last);
            state.Parameters.AddWithValue("$done", done ? 1 : 0);
            await state.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (done)
        {
            await ListErasedLeavesAsync(connection, transaction, at, cancellationToken).ConfigureAwait(false);
        }

        return (missing.Count, done);
    }

    /// <summary>
    /// The one-time step after the backfill (migration 23, docs/evidence.md "Erasure records in the log"): each account's
    /// leaves that lost their events to erasures from before their records were leaves are listed by one erasure record,
    /// <see cref="UpgradeErasureRecord"/>, appended to its log; then it is marked done, in the same transaction.
    /// </summary>
    private static async Task ListErasedLeavesAsync(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var erased = new List<(string Account, long Index)>();
        using (var scan = SqliteDatabase.Command(connection, transaction, """
            SELECT l.account, l.log_index FROM consent_log AS l
            WHERE l.event_id IS NULL AND NOT EXISTS (SELECT 1 FROM erasures AS r WHERE r.account = l.account
                AND (r.log_index = l.log_index OR instr(',' || r.leaves || ',', ',' || l.log_index || ',') > 0))
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
            using var next = SqliteDatabase.Command(connection, transaction, "SELECT COALESCE(MAX(log_index) + 1, 0) FROM consent_log WHERE account = $account;");
            next.Parameters.AddWithValue("$account", account.Key);
            var record = UpgradeErasureRecord.Of(new AccountId(account.Key), [.. account.Select(e => e.Index)], at, (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
            using var append = SqliteDatabase.Command(connection, transaction, """
                INSERT INTO consent_log (account, log_index, leaf, event_id) VALUES ($account, $index, $leaf, NULL);
                INSERT INTO erasures (account, request_id, reason, erased_at, events, suppressions, tokens, webhooks, replies, log_index, leaves)
                VALUES ($account, $request, $reason, $at, $events, 0, 0, 0, 0, $index, $leaves);
                """);
            append.Parameters.AddWithValue("$account", account.Key);
            append.Parameters.AddWithValue("$index", record.LogIndex!.Value);
            append.Parameters.AddWithValue("$leaf", ConsentLogLeaf.ErasureHash(record));
            append.Parameters.AddWithValue("$request", record.RequestId);
            append.Parameters.AddWithValue("$reason", record.Reason);
            append.Parameters.AddWithValue("$at", Ticks(record.ErasedAt));
            append.Parameters.AddWithValue("$events", record.Events);
            append.Parameters.AddWithValue("$leaves", ErasedLeavesText.Format(record.ErasedLeaves));
            await append.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var listed = SqliteDatabase.Command(connection, transaction, "UPDATE consent_log_backfill SET erasures_listed = 1 WHERE id = 1;");
        await listed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ConsentLogEntry>> ReadEntriesAsync(AccountId account, string where, Action<SqliteCommand> parameters, CancellationToken cancellationToken)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, $"""
                SELECT {JoinedEventColumns}, e.salt, l.log_index, l.leaf, l.event_id, l.backfilled_at FROM consent_log AS l
                LEFT JOIN consent_events AS e ON e.account = l.account AND e.event_id = l.event_id
                WHERE l.account = $account AND {where};
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            parameters(command);
            var entries = new List<ConsentLogEntry>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var found = !reader.IsDBNull(0);
                var (index, leaf, id) = (reader.GetInt64(14), (byte[])reader.GetValue(15), reader.IsDBNull(16) ? null : reader.GetString(16));
                try
                {
                    var (salt, check) = found && !reader.IsDBNull(13) ? SaltColumn.Split((byte[])reader.GetValue(13)) : (null, null);
                    entries.Add(new ConsentLogEntry(index, leaf, id, found ? ReadEvent(reader) : null, salt) { BackfilledAt = Instant(reader, 17), FieldCheck = check });
                }
                catch (Exception e) when (StoredRecord.IsUnreadable(e))
                {
                    entries.Add(new ConsentLogEntry(index, leaf, id, null, null) { BackfilledAt = Instant(reader, 17), Unreadable = e.Message });
                }
            }

            return await WithErasuresAsync(connection, account, entries, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The entries with the erasure records that are leaves among them: one read of the account's records in the range of
    /// the entries without events, only when there are such entries (an erasure is rare).
    /// </summary>
    private static async Task<List<ConsentLogEntry>> WithErasuresAsync(SqliteConnection connection, AccountId account, List<ConsentLogEntry> entries, CancellationToken cancellationToken)
    {
        var erasures = new ErasureEntries(entries);
        if (!erasures.Any)
        {
            return entries;
        }

        using var command = SqliteDatabase.Command(connection, null, $"""
            SELECT {ErasureColumns} FROM erasures INDEXED BY ux_erasures_log WHERE account = $account AND log_index BETWEEN $from AND $to AND log_index IS NOT NULL;
            """);
        command.Parameters.AddWithValue("$account", account.Value);
        command.Parameters.AddWithValue("$from", erasures.From);
        command.Parameters.AddWithValue("$to", erasures.To);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            erasures.Attach(reader.GetInt64(8), () => ReadErasure(account, reader));
        }

        return entries;
    }
}
