using Microsoft.Data.Sqlite;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>
/// The suppression snapshot's reads (<see cref="SuppressionSnapshots"/>): the account's change counter
/// (<c>accounts.suppression_version</c>) and the values changed since a count, with their current rows, in one read
/// transaction; and every suppression of the account with the counter, in another. Triggers move the counter
/// (migration 19).
/// </summary>
internal sealed partial class SqliteStorage
{
    /// <summary>
    /// In an erasure's transaction: deletes the erased number's entries of the change log, so the number leaves the file,
    /// and raises the account's snapshot floor to its counter, so every snapshot that may still hold the number loads again.
    /// </summary>
    private static async Task ForgetSnapshotChangesAsync(SqliteConnection connection, SqliteTransaction transaction, long accountId, PhoneNumber number,
        CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(connection, transaction, """
            DELETE FROM suppression_changes WHERE account_id = $account AND erased = 0 AND value = $number;
            UPDATE accounts SET snapshot_floor = suppression_version WHERE id = $account;
            """);
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$number", (long)number.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SuppressionDelta> ReadSnapshotDeltaAsync(long accountId, long held, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var snapshot = connection.BeginTransaction(deferred: true);
            long current, floor;
            using (var version = SqliteDatabase.Command(connection, snapshot, "SELECT suppression_version, snapshot_floor FROM accounts WHERE id = $account;"))
            {
                version.Parameters.AddWithValue("$account", accountId);
                using var reader = await version.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                (current, floor) = (reader.GetInt64(0), reader.GetInt64(1));
            }

            if (current == held || !SuppressionDelta.CanCatchUp(held, current, floor))
            {
                snapshot.Commit();
                return new SuppressionDelta(current, current == held, null, []);
            }

            using var select = SqliteDatabase.Command(connection, snapshot, """
                SELECT c.value, c.erased, COALESCE(s.list_key, e.list_key)
                FROM (SELECT DISTINCT value, erased FROM suppression_changes WHERE account_id = $account AND version > $held) AS c
                LEFT JOIN suppressions AS s ON c.erased = 0 AND s.account_id = $account AND s.number = c.value
                LEFT JOIN erased_suppressions AS e ON c.erased = 1 AND e.account_id = $account AND e.pseudonym = c.value;
                """);
            select.Parameters.AddWithValue("$account", accountId);
            select.Parameters.AddWithValue("$held", held);
            var changes = new List<SuppressionChange>();
            using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    changes.Add(new SuppressionChange(unchecked((ulong)reader.GetInt64(0)), reader.GetInt64(1) == 1, reader.IsDBNull(2) ? null : reader.GetString(2)));
                }
            }

            var keys = await ErasureKeysAsync(connection, snapshot, accountId, cancellationToken).ConfigureAwait(false);
            snapshot.Commit();
            return new SuppressionDelta(current, true, keys, changes);
        }
    }

    private async Task<bool> LoadSnapshotAsync(long accountId, SuppressionSnapshot.Builder builder, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var snapshot = connection.BeginTransaction(deferred: true);
            using (var version = SqliteDatabase.Command(connection, snapshot, "SELECT suppression_version FROM accounts WHERE id = $account;"))
            {
                version.Parameters.AddWithValue("$account", accountId);
                builder.Position = (long)(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            builder.Keys = await ErasureKeysAsync(connection, snapshot, accountId, cancellationToken).ConfigureAwait(false);
            using var select = SqliteDatabase.Command(connection, snapshot, """
                SELECT number, 0, list_key FROM suppressions WHERE account_id = $account
                UNION ALL
                SELECT pseudonym, 1, list_key FROM erased_suppressions WHERE account_id = $account;
                """);
            select.Parameters.AddWithValue("$account", accountId);
            using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!builder.Add(unchecked((ulong)reader.GetInt64(0)), reader.GetInt64(1) == 1, reader.GetString(2)))
                    {
                        return false;
                    }
                }
            }

            snapshot.Commit();
            return true;
        }
    }
}
