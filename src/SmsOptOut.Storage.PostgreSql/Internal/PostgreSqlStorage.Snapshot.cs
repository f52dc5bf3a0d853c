using System.Data;
using System.Globalization;
using Npgsql;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// The suppression snapshot's reads and writes (<see cref="SuppressionSnapshots"/>): the account's change counter
/// (<c>suppression_versions</c>, moved by triggers with every change; migration 19) and the values changed since a
/// count, with their current rows and the account's pseudonym keys, in one statement; and every suppression of the
/// account with the counter, in one repeatable-read transaction.
/// </summary>
internal sealed partial class PostgreSqlStorage
{
    /// <summary>
    /// Moves (and so locks) the change counters of the batch's accounts, in their sorted order, before any statement changes a
    /// suppression: the batch's own change rows are written at that count (and any trigger of another statement in the
    /// transaction finds the counter already moved), and two batches never lock them in opposite orders.
    /// </summary>
    private NpgsqlBatchCommand BumpSuppressionVersions(string[] sortedAccounts)
    {
        var command = new NpgsqlBatchCommand($"CALL {_database.Schema}.bump_suppression_versions($1::text[]);");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = sortedAccounts });
        return command;
    }

    /// <summary>
    /// Tells the statement triggers of <c>suppressions</c> that this transaction records its own changes (migration 21):
    /// for the apply batch, whose statements write them beside each change. Lasts until the transaction ends.
    /// </summary>
    private const string RecordsOwnChanges = "SELECT set_config('smsoptout.changes_recorded', 'on', true);";

    /// <summary>
    /// After a batch that recorded its own changes: the trim the triggers would have done, once — the changes of counts
    /// 10,000 and more behind the accounts' counters (a bounded range, as in the triggers).
    /// </summary>
    private NpgsqlBatchCommand TrimSuppressionChanges(string[] accounts)
    {
        var command = new NpgsqlBatchCommand($"""
            DELETE FROM {_database.Schema}.suppression_changes AS d USING {_database.Schema}.suppression_versions AS v
            WHERE d.account = v.account AND v.account = ANY($1::text[]) AND d.version BETWEEN v.version - 10100 AND v.version - 10000;
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = accounts });
        return command;
    }

    /// <summary>
    /// In an erasure's transaction: deletes the erased number's entries of the change log, so the number leaves the
    /// database, and raises the account's snapshot floor to its counter, so every snapshot that may still hold the number
    /// loads again.
    /// </summary>
    private async Task ForgetSnapshotChangesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountId account, PhoneNumber number,
        CancellationToken cancellationToken)
    {
        using var command = _database.Command(connection, transaction, """
            WITH gone AS (DELETE FROM {schema}.suppression_changes WHERE account = $1 AND NOT erased AND value = $2)
            UPDATE {schema}.suppression_versions SET snapshot_floor = version WHERE account = $1;
            """);
        Add(command, account.Value);
        Add(command, (long)number.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The account's counter first, alone (<see cref="SuppressionVersionReader"/>: prepared, on a kept connection): when it
    /// has not moved from <paramref name="held"/>, nothing was committed since, and that is the answer; when it has, the
    /// changes are read with it in one statement. Every committed change moved the counter before its commit, so a change
    /// committed before the read is never missed.
    /// </summary>
    private async Task<SuppressionDelta> ReadSnapshotDeltaAsync(AccountId account, long held, CancellationToken cancellationToken)
    {
        var versions = LazyInitializer.EnsureInitialized(ref _versions, () => new SuppressionVersionReader(_database, timeProvider));
        var (version, epoch) = await versions.ReadAsync(account.Value, cancellationToken).ConfigureAwait(false);
        if (version == held)
        {
            return new SuppressionDelta(held, true, null, [], epoch);
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement, one snapshot: the count, the changes up to it and their rows now.
            using var command = _database.Command(connection, null, $$"""
                SELECT v.version, v.snapshot_floor, v.keys, c.value, c.erased, COALESCE(s.list_key, e.list_key), {{SuppressionVersionReader.EpochSql}}
                FROM (SELECT COALESCE((SELECT version FROM {schema}.suppression_versions WHERE account = $1), 0) AS version,
                             COALESCE((SELECT snapshot_floor FROM {schema}.suppression_versions WHERE account = $1), 0) AS snapshot_floor,
                             (SELECT array_agg(key_id || ':' || fingerprint) FROM {schema}.erasure_keys WHERE account = $1) AS keys) AS v
                LEFT JOIN (SELECT DISTINCT value, erased FROM {schema}.suppression_changes WHERE account = $1 AND version > $2 LIMIT {{SuppressionDelta.KeptChanges + 1}}) AS c
                  ON v.version <> $2 AND v.version - $2 <= {{SuppressionDelta.KeptChanges}} AND $2 >= v.snapshot_floor
                LEFT JOIN {schema}.suppressions AS s ON NOT c.erased AND s.account = $1 AND s.number = c.value
                LEFT JOIN {schema}.erased_suppressions AS e ON c.erased AND e.account = $1 AND e.pseudonym = c.value;
                """);
            Add(command, account.Value);
            Add(command, held);
            long current = 0, floor = 0;
            string[]? keys = null;
            string? changesEpoch = null;
            var changes = new List<SuppressionChange>();
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    (current, floor) = (reader.GetInt64(0), reader.GetInt64(1));
                    keys = reader.IsDBNull(2) ? [] : reader.GetFieldValue<string[]>(2);
                    changesEpoch = reader.GetInt64(6).ToString(CultureInfo.InvariantCulture);
                    if (!reader.IsDBNull(3))
                    {
                        changes.Add(new SuppressionChange(unchecked((ulong)reader.GetInt64(3)), reader.GetBoolean(4), Text(reader, 5)));
                    }
                }
            }

            // The epoch of the server that read the changes (a failover may have come between the two reads).
            return current == held
                ? new SuppressionDelta(current, true, null, [], changesEpoch)
                : new SuppressionDelta(current, SuppressionDelta.CanCatchUp(held, current, floor) && changes.Count <= SuppressionDelta.KeptChanges, VerifiedKeys(keys ?? []), changes, changesEpoch);
        }
    }

    private async Task<bool> LoadSnapshotAsync(AccountId account, SuppressionSnapshot.Builder builder, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (snapshot.ConfigureAwait(false))
            {
                using (var version = _database.Command(connection, snapshot, $$"""
                    SELECT COALESCE((SELECT version FROM {schema}.suppression_versions WHERE account = $1), 0),
                           (SELECT array_agg(key_id || ':' || fingerprint) FROM {schema}.erasure_keys WHERE account = $1),
                           {{SuppressionVersionReader.EpochSql}};
                    """))
                {
                    Add(version, account.Value);
                    using var reader = await version.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    builder.Position = reader.GetInt64(0);
                    builder.Keys = VerifiedKeys(reader.IsDBNull(1) ? [] : reader.GetFieldValue<string[]>(1));
                    builder.Epoch = reader.GetInt64(2).ToString(CultureInfo.InvariantCulture);
                }

                using var select = _database.Command(connection, snapshot, """
                    SELECT number, false, list_key FROM {schema}.suppressions WHERE account = $1
                    UNION ALL
                    SELECT pseudonym, true, list_key FROM {schema}.erased_suppressions WHERE account = $1;
                    """);
                Add(select, account.Value);
                using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (!builder.Add(unchecked((ulong)reader.GetInt64(0)), reader.GetBoolean(1), reader.GetString(2)))
                        {
                            return false;
                        }
                    }
                }

                await snapshot.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    /// <summary>Stored keys (<c>id:fingerprint</c>), each checked against the configured key of its id.</summary>
    private int[] VerifiedKeys(string[] stored) => Array.ConvertAll(stored, text =>
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var id = int.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture);
        _pseudonyms.Verify(id, text[(colon + 1)..]);
        return id;
    });
}
