using System.Runtime.CompilerServices;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.PostgreSql.Internal;

internal sealed partial class PostgreSqlStorage : ISuppressionPauses
{
    private const string EventColumns = "event_id, account, number, kind, source, scope, list, campaign, occurred_at, recorded_at, evidence, paused_until, reverts";

    public async Task<ConsentApplyStatus> ApplyAsync(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.Validate(consentEvent, outbox);
        return (await ApplyAllAsync([new ConsentWrite(consentEvent, outbox)], cancellationToken).ConfigureAwait(false))[0];
    }

    public Task<IReadOnlyList<ConsentApplyStatus>> ApplyBatchAsync(IReadOnlyList<ConsentWrite> writes, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.Validate(writes);
        return writes.Count == 0 ? Task.FromResult<IReadOnlyList<ConsentApplyStatus>>([]) : ApplyAllAsync(writes, cancellationToken);
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
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return true;
            }
        }

        // After the ordinary index: an erasure that commits in between has put the pseudonym in place first.
        var keys = await ErasureKeysAsync(account, cancellationToken).ConfigureAwait(false);
        return keys.Length > 0 && await FilterErasedAsync(account, list, keys, new[] { number }, new bool[1], cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// The account's erasure keys are read first and the pseudonyms of the batch travel with it, so one statement probes
    /// both (a number found in the ordinary index never costs the pseudonymous probe). The keys are read again after the
    /// probe: an erasure with a key that was not there yet committed in between, and the numbers still missing are
    /// probed under it — the number was either in the ordinary index when probed, or its pseudonym is there now.
    /// </summary>
    public async Task<int> FilterAsync(AccountId account, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.ValidateFilter(account, numbers, suppressed);
        suppressed.Span[..numbers.Length].Clear();
        if (numbers.IsEmpty)
        {
            return 0;
        }

        if (_snapshots is { } snapshots && await snapshots.MarkAsync(account.Value, list, numbers, suppressed, (position, ct) => ReadSnapshotDeltaAsync(account, position, ct),
            (builder, ct) => LoadSnapshotAsync(account, builder, ct), cancellationToken).ConfigureAwait(false) is { } inMemory)
        {
            return inMemory;
        }

        var before = await ErasureKeysAsync(account, cancellationToken).ConfigureAwait(false);

        // A large batch is probed in two halves on two pooled connections at once: two server processes, two cores.
        var count = await ParallelProbe.InHalvesAsync(numbers, suppressed, (slice, flags) => FilterRangeAsync(account, list, before, slice, flags, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var added = (await ErasureKeysAsync(account, cancellationToken).ConfigureAwait(false)).Except(before).ToArray();
        return added.Length == 0 ? count : count + await FilterErasedAsync(account, list, added, numbers, suppressed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One statement: the numbers (and their pseudonyms under <paramref name="keys"/>) travel as arrays and come back by their position.</summary>
    private async Task<int> FilterRangeAsync(AccountId account, ListId? list, int[] keys, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed,
        CancellationToken cancellationToken)
    {
        var values = Values(numbers.Span);

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, (list, keys.Length) switch
            {
                (null, 0) => "SELECT u.ord FROM unnest($1::bigint[]) WITH ORDINALITY AS u(number, ord) WHERE EXISTS (SELECT 1 FROM {schema}.suppressions s WHERE s.account = $2 AND s.number = u.number AND s.list_key = '');",
                (_, 0) => "SELECT u.ord FROM unnest($1::bigint[]) WITH ORDINALITY AS u(number, ord) WHERE EXISTS (SELECT 1 FROM {schema}.suppressions s WHERE s.account = $2 AND s.number = u.number AND s.list_key IN ('', $3));",
                _ => """
                    SELECT u.ord FROM unnest($1::bigint[]) WITH ORDINALITY AS u(number, ord)
                    WHERE EXISTS (SELECT 1 FROM {schema}.suppressions s WHERE s.account = $2 AND s.number = u.number AND s.list_key IN ('', $3))
                       OR EXISTS (SELECT 1 FROM {schema}.erased_suppressions e
                                  WHERE e.account = $2 AND e.pseudonym = ANY(($4::bigint[])[(u.ord - 1) * $5 + 1 : u.ord * $5]) AND e.list_key IN ('', $3));
                    """,
            });
            Add(command, values);
            Add(command, account.Value);
            Add(command, list?.Value ?? string.Empty);
            if (keys.Length > 0)
            {
                Add(command, NumberMajorPseudonyms(keys, numbers.Span));
                Add(command, keys.Length);
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

    /// <summary>The pseudonyms of each number under every key, number by number: the slice of number i is [i·k, i·k + k).</summary>
    private long[] NumberMajorPseudonyms(int[] keys, ReadOnlySpan<PhoneNumber> numbers)
    {
        var keyMajor = Pseudonyms(keys, numbers);
        var result = new long[keyMajor.Length];
        for (var k = 0; k < keys.Length; k++)
        {
            for (var i = 0; i < numbers.Length; i++)
            {
                result[(i * keys.Length) + k] = keyMajor[(k * numbers.Length) + i];
            }
        }

        return result;
    }

    /// <summary>Marks the numbers not yet flagged that are suppressed under a pseudonym of <paramref name="keys"/>; returns how many.</summary>
    private async Task<int> FilterErasedAsync(AccountId account, ListId? list, int[] keys, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed,
        CancellationToken cancellationToken)
    {
        var misses = Enumerable.Range(0, numbers.Length).Where(i => !suppressed.Span[i]).ToArray();
        if (misses.Length == 0)
        {
            return 0;
        }

        var candidates = Array.ConvertAll(misses, i => numbers.Span[i]);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, """
                SELECT u.ord FROM unnest($1::bigint[]) WITH ORDINALITY AS u(pseudonym, ord)
                WHERE EXISTS (SELECT 1 FROM {schema}.erased_suppressions e WHERE e.account = $2 AND e.pseudonym = u.pseudonym AND e.list_key IN ('', $3));
                """);
            Add(command, Pseudonyms(keys, candidates));
            Add(command, account.Value);
            Add(command, list?.Value ?? string.Empty);
            var count = 0;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var position = misses[(int)((reader.GetInt64(0) - 1) % candidates.Length)];
                if (!suppressed.Span[position])
                {
                    suppressed.Span[position] = true;
                    count++;
                }
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
                SELECT number, list_key, since, source, event_id, paused_until FROM {schema}.suppressions
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
            using var command = _database.Command(connection, null, """
                SELECT number, list_key, since, source, event_id, paused_until FROM {schema}.suppressions
                WHERE account = $1 AND paused_until IS NOT NULL AND paused_until <= $2
                ORDER BY paused_until, number LIMIT $3;
                """);
            Add(command, account.Value);
            Add(command, Utc(endedBy));
            Add(command, limit);
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
    internal static SuppressedNumber ReadSuppression(NpgsqlDataReader reader)
    {
        var listKey = reader.GetString(1);
        return new SuppressedNumber(PhoneNumber.FromValue((ulong)reader.GetInt64(0)), StoredValues.List(listKey.Length == 0 ? null : listKey),
            reader.GetFieldValue<DateTimeOffset>(2), (OptOutSource)reader.GetInt16(3), reader.GetString(4))
        {
            PausedUntil = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        };
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
    /// Applies the writes in one transaction and one round trip: an <see cref="NpgsqlBatch"/> that first takes one
    /// advisory lock per (account, number) in a stable order — so check-then-change is safe under READ COMMITTED and
    /// concurrent batches cannot deadlock — then runs one statement per event, in order (each sees the earlier ones).
    /// </summary>
    private Task<IReadOnlyList<ConsentApplyStatus>> ApplyAllAsync(IReadOnlyList<ConsentWrite> writes, CancellationToken cancellationToken) =>
        _database.WriteAsync<IReadOnlyList<ConsentApplyStatus>>(async (connection, transaction) =>
        {
            var batch = new NpgsqlBatch(connection, transaction);
            await using (batch.ConfigureAwait(false))
            {
                // One lock per (account, number), and one per account: the consent log's leaves are numbered in commit order.
                var keys = writes.Select(w => PostgreSqlDatabase.LockKey($"{_database.SchemaName}:{w.Event.Account.Value}:{w.Event.Number.Value}"))
                    .Concat(writes.Select(w => PostgreSqlDatabase.LockKey($"{_database.SchemaName}:log:{w.Event.Account.Value}"))).Distinct().Order().ToArray();
                var locks = new NpgsqlBatchCommand("SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) AS k;");
                locks.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = keys });
                batch.BatchCommands.Add(locks);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(RecordsOwnChanges));
                var accounts = writes.Select(w => w.Event.Account.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                batch.BatchCommands.Add(BumpSuppressionVersions(accounts));
                var leaves = options.Value.WritesConsentLog ? new List<LogLeaf>(writes.Count) : null;
                foreach (var (e, outbox) in writes)
                {
                    batch.BatchCommands.Add(ApplyCommand(e, outbox, leaves));
                }

                if (leaves is not null)
                {
                    batch.BatchCommands.Add(AppendLogCommand(leaves));
                }

                batch.BatchCommands.Add(TrimSuppressionChanges(accounts));

                // At most five distinct statements (the locks and one per kind and scope): prepared once per physical
                // connection, so a 10,000-event import is not 10,000 parses and plans.
                await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
                var statuses = new ConsentApplyStatus[writes.Count];
                using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < statuses.Length; i++)
                {
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    statuses[i] = (ConsentApplyStatus)reader.GetInt32(0);
                }

                return statuses;
            }
        }, cancellationToken);

    private static int ApplyVariant(ConsentEvent e) =>
        e.Reverts is not null ? 4 : (e.Kind == ConsentKind.OptOut ? 0 : 2) + (e.Scope == SuppressionScope.Account ? 0 : 1);

    /// <summary>The five apply statements (opt-out / opt-in × account / list, and the end of a pause), composed once per store.</summary>
    private string[] BuildApplyStatements() =>
    [
        .. new[] { (ConsentKind.OptOut, SuppressionScope.Account, false), (ConsentKind.OptOut, SuppressionScope.List, false), (ConsentKind.OptIn, SuppressionScope.Account, false),
            (ConsentKind.OptIn, SuppressionScope.List, false), (ConsentKind.OptIn, SuppressionScope.Account, true) }
            .Select(v => ApplyStatement(v.Item1, v.Item2, v.Item3, options.Value.WritesConsentLog).Replace("{schema}", _database.Schema, StringComparison.Ordinal)),
    ];

    private static string ApplyStatement(ConsentKind kind, SuppressionScope scope, bool endsPause, bool logged)
    {
        var change = (kind, scope, endsPause) switch
        {
            // Over a pause, a lasting opt-out makes it permanent and a new pause moves its end ($24); a pause never weakens an opt-out.
            (ConsentKind.OptOut, SuppressionScope.Account, _) => """
                INSERT INTO {schema}.suppressions AS s (account, number, list_key, since, source, event_id, paused_until)
                SELECT $1, $3, $4, $5, $6, $2, $24 WHERE NOT EXISTS (SELECT 1 FROM dup)
                ON CONFLICT (account, number, list_key) DO UPDATE
                SET since = excluded.since, source = excluded.source, event_id = excluded.event_id, paused_until = excluded.paused_until
                WHERE s.paused_until IS NOT NULL AND s.paused_until IS DISTINCT FROM excluded.paused_until
                RETURNING 1
                """,
            (ConsentKind.OptOut, _, _) => """
                INSERT INTO {schema}.suppressions (account, number, list_key, since, source, event_id)
                SELECT $1, $3, $4, $5, $6, $2 WHERE NOT EXISTS (SELECT 1 FROM dup)
                  AND NOT EXISTS (SELECT 1 FROM {schema}.suppressions WHERE account = $1 AND number = $3
                      AND (list_key = $4 OR (list_key = '' AND paused_until IS NULL)))
                ON CONFLICT DO NOTHING RETURNING 1
                """,
            // An opt-in that reverts an opt-out ($25: its event id; a pause's end, an undo) lifts that suppression alone, and only while it is still the number's.
            (ConsentKind.OptIn, _, true) => """
                DELETE FROM {schema}.suppressions WHERE account = $1 AND number = $3 AND list_key = '' AND event_id = $25
                  AND NOT EXISTS (SELECT 1 FROM dup) RETURNING 1
                """,
            // An opt-in lifts the pseudonymous suppressions of an erased number too ($23: its pseudonyms under every configured key).
            (ConsentKind.OptIn, SuppressionScope.Account, _) => """
                DELETE FROM {schema}.suppressions WHERE account = $1 AND number = $3 AND NOT EXISTS (SELECT 1 FROM dup) RETURNING 1),
                chg2 AS (DELETE FROM {schema}.erased_suppressions WHERE account = $1 AND pseudonym = ANY($23::bigint[]) AND NOT EXISTS (SELECT 1 FROM dup) RETURNING 1),
                chgall AS (SELECT 1 FROM chg1 UNION ALL SELECT 1 FROM chg2
                """,
            _ => """
                DELETE FROM {schema}.suppressions WHERE account = $1 AND number = $3 AND list_key = $4 AND NOT EXISTS (SELECT 1 FROM dup) RETURNING 1),
                chg2 AS (DELETE FROM {schema}.erased_suppressions WHERE account = $1 AND pseudonym = ANY($23::bigint[]) AND list_key = $4 AND NOT EXISTS (SELECT 1 FROM dup) RETURNING 1),
                chgall AS (SELECT 1 FROM chg1 UNION ALL SELECT 1 FROM chg2
                """,
        };
        var (first, all) = kind == ConsentKind.OptIn && !endsPause ? ("chg1", "chgall") : ("chg", "chg");

        // sc: the suppression change, for the snapshots (migration 21: the batch records its own, the triggers skip it).
        return $$"""
            WITH dup AS (SELECT 1 FROM {schema}.consent_events WHERE account = $1 AND event_id = $2),
            {{first}} AS ({{change}}),
            sc AS (INSERT INTO {schema}.suppression_changes (account, version, erased, value)
                   SELECT $1, v.version, false, $3 FROM {schema}.suppression_versions AS v WHERE v.account = $1 AND EXISTS (SELECT 1 FROM {{first}})
                   ON CONFLICT DO NOTHING),
            ev AS (INSERT INTO {schema}.consent_events ({{EventColumns}}, salt)
                   SELECT $2, $1, $3, $7, $6, $8, $9, $10, $5, $11, $12::jsonb, $24, $25, {{(logged ? "$26" : "NULL")}} WHERE EXISTS (SELECT 1 FROM {{all}})),
            {{(logged ? string.Empty : "lg AS (SELECT $26::bytea),")}}
            ob AS (INSERT INTO {schema}.webhook_outbox (id, account, list, event_id, payload, created_at, next_attempt_at, attempts, state, target)
                   SELECT * FROM unnest($13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::timestamptz[], $19::timestamptz[], $20::int[], $21::smallint[], $22::text[])
                   WHERE EXISTS (SELECT 1 FROM {{all}}))
            SELECT CASE WHEN EXISTS (SELECT 1 FROM dup) THEN 3 WHEN EXISTS (SELECT 1 FROM {{all}}) THEN 1 ELSE 2 END;
            """;
    }

    /// <summary>
    /// One event as one statement: a duplicate id changes nothing (3); otherwise the suppression change decides —
    /// changed (1): the event and its outbox messages are inserted; already in that state (2): nothing is written.
    /// </summary>
    private NpgsqlBatchCommand ApplyCommand(ConsentEvent e, IReadOnlyList<OutboxMessage> outbox, List<LogLeaf>? leaves)
    {
        // The event as PostgreSQL keeps it (timestamptz holds microseconds), so its leaf is the leaf of what is read back.
        e = e with { OccurredAt = Microseconds(e.OccurredAt), RecordedAt = Microseconds(e.RecordedAt), PausedUntil = e.PausedUntil is { } until ? Microseconds(until) : null };
        var salt = leaves is null ? [] : SaltColumn.New(e);
        leaves?.Add(new LogLeaf(e.Account.Value, e.EventId, salt, SmsOptOut.Evidence.ConsentLogLeaf.Hash(e, SaltColumn.Salt(salt))));
        var command = new NpgsqlBatchCommand((_applyStatements ??= BuildApplyStatements())[ApplyVariant(e)]);
        var p = command.Parameters;
        p.Add(Text(e.Account.Value));
        p.Add(Text(e.EventId));
        p.Add(new NpgsqlParameter<long> { TypedValue = (long)e.Number.Value });
        p.Add(Text(e.Scope == SuppressionScope.List ? e.List!.Value.Value : string.Empty));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Utc(e.OccurredAt) });
        p.Add(new NpgsqlParameter<short> { TypedValue = (short)e.Source });
        p.Add(new NpgsqlParameter<short> { TypedValue = (short)e.Kind });
        p.Add(new NpgsqlParameter<short> { TypedValue = (short)e.Scope });
        p.Add(Text(e.List?.Value));
        p.Add(Text(e.Campaign?.Value));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Utc(e.RecordedAt) });
        p.Add(Text(ConsentEvidenceJson.Serialize(e.Evidence)));
        p.Add(Texts(outbox.Select(m => m.Id)));
        p.Add(Texts(outbox.Select(m => m.Account.Value)));
        p.Add(Texts(outbox.Select(m => m.List?.Value)));
        p.Add(Texts(outbox.Select(m => m.EventId)));
        p.Add(Texts(outbox.Select(m => m.Payload)));
        p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. outbox.Select(m => Utc(m.CreatedAt))] });
        p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. outbox.Select(m => Utc(m.NextAttemptAt))] });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. outbox.Select(m => m.Attempts)] });
        p.Add(new NpgsqlParameter<short[]> { TypedValue = [.. outbox.Select(m => (short)m.State)] });
        p.Add(Texts(outbox.Select(m => m.Target)));
        p.Add(new NpgsqlParameter<long[]> { TypedValue = e is { Kind: ConsentKind.OptIn, Reverts: null } ? ConfiguredPseudonyms(e.Number) : [] });
        p.Add(new NpgsqlParameter { Value = e.PausedUntil is { } paused ? Utc(paused) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        p.Add(Text(e.Reverts));
        p.Add(new NpgsqlParameter<byte[]> { TypedValue = salt });
        return command;

        static NpgsqlParameter<string?> Text(string? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
        static NpgsqlParameter<string?[]> Texts(IEnumerable<string?> values) =>
            new() { TypedValue = [.. values], NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text };
    }

    /// <summary>
    /// The consent log's rows for the batch's written events, in one statement after them: each event whose row holds
    /// the salt drawn for it here was written by this batch (a duplicate or an unchanged state writes none, and a
    /// duplicate id's earlier row has another salt); they are numbered on from the account's largest index, in the
    /// batch's order. The batch holds each account's log lock, so the numbers follow commit order, and the log's
    /// primary key refuses an index twice.
    /// </summary>
    private NpgsqlBatchCommand AppendLogCommand(List<LogLeaf> leaves)
    {
        var command = new NpgsqlBatchCommand(_appendLogStatement ??= $$"""
            WITH c AS (SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bytea[]) WITH ORDINALITY AS c(account, event_id, salt, leaf, ord)),
            head AS MATERIALIZED (SELECT a.account, COALESCE((SELECT max(l.log_index) + 1 FROM {{_database.Schema}}.consent_log AS l WHERE l.account = a.account), 0) AS next
                     FROM (SELECT DISTINCT account FROM c) AS a)
            INSERT INTO {{_database.Schema}}.consent_log (account, log_index, leaf, event_id)
            SELECT c.account, head.next + row_number() OVER (PARTITION BY c.account ORDER BY c.ord) - 1, c.leaf, c.event_id
            FROM c JOIN head ON head.account = c.account
            JOIN {{_database.Schema}}.consent_events AS e ON e.account = c.account AND e.event_id = c.event_id AND e.salt = c.salt;
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. leaves.Select(l => l.Account)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. leaves.Select(l => l.EventId)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. leaves.Select(l => l.Salt)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. leaves.Select(l => l.Leaf)] });
        return command;
    }

    /// <summary>An applied event's log candidate: its salt column as drawn for this write, and the leaf it gives.</summary>
    private sealed record LogLeaf(string Account, string EventId, byte[] Salt, byte[] Leaf);

    private static DateTimeOffset Microseconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

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
        PausedUntil = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        Reverts = Text(reader, 12),
    };
}
