using System.Globalization;
using Microsoft.Data.Sqlite;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.Sqlite.Internal;

/// <summary>
/// Do-Not-Call registry sets. An import writes a new set id in batches (one short transaction each, so opt-outs are
/// never held up), then one transaction points the scope at it; the replaced set is deleted afterwards in batches. The
/// filter reads the scopes' set ids and checks the numbers against those sets held in memory (a set's numbers never
/// change under its id; see <see cref="RegistrySetCache"/>), or, for sets above
/// <see cref="SqliteStorageOptions.MaxCachedRegistryNumbers"/>, probes them in one statement: one snapshot, one whole set.
/// </summary>
internal sealed partial class SqliteStorage
{
    private const int Importing = 0;
    private const int Garbage = 1;
    private const int DeleteBatch = 10_000;

    async Task<DoNotCallRegistryInfo> IDoNotCallRegistryStore.ReplaceAsync(AccountId? account, DateOnly dataDate, DateTimeOffset importedAt, IAsyncEnumerable<PhoneNumber[]> numbers,
        CancellationToken cancellationToken)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account, dataDate, numbers);
        var scope = Scope(account);
        await CollectRegistryGarbageAsync(CancellationToken.None).ConfigureAwait(false);
        var setId = await _database.WriteAsync(async (connection, transaction) =>
        {
            // A newer import of the same scope supersedes an unfinished one (a crashed process's, say).
            using var command = SqliteDatabase.Command(connection, transaction, """
                UPDATE dnc_pending SET state = 1 WHERE scope = $scope AND state = 0;
                INSERT INTO dnc_pending (scope, state) VALUES ($scope, 0) RETURNING set_id;
                """);
            command.Parameters.AddWithValue("$scope", scope);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);

        try
        {
            await foreach (var batch in numbers.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await _database.WriteAsync(async (connection, transaction) =>
                {
                    using var command = SqliteDatabase.Command(connection, transaction,
                        "INSERT OR IGNORE INTO dnc_numbers (set_id, number) SELECT $set, value FROM json_each($numbers);");
                    command.Parameters.AddWithValue("$set", setId);
                    command.Parameters.AddWithValue("$numbers", JsonArray([.. batch.Select(n => n.Value)]));
                    return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            }

            var info = await _database.WriteAsync((connection, transaction) => SwapRegistryAsync(connection, transaction, account, setId, dataDate, importedAt, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            await CollectRegistryGarbageAsync(CancellationToken.None).ConfigureAwait(false);
            return info;
        }
        catch
        {
            await _database.WriteAsync(async (connection, transaction) =>
            {
                using var command = SqliteDatabase.Command(connection, transaction, "UPDATE dnc_pending SET state = 1 WHERE set_id = $set;");
                command.Parameters.AddWithValue("$set", setId);
                return await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }, CancellationToken.None).ConfigureAwait(false);
            await CollectRegistryGarbageAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    async Task<DoNotCallRegistryInfo?> IDoNotCallRegistryStore.GetAsync(AccountId? account, CancellationToken cancellationToken)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, "SELECT data_date, imported_at, count FROM dnc_sets WHERE scope = $scope;");
            command.Parameters.AddWithValue("$scope", Scope(account));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new DoNotCallRegistryInfo(account, DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), Instant(reader.GetInt64(1)), reader.GetInt64(2))
                : null;
        }
    }

    async Task<bool> IDoNotCallRegistryStore.RemoveAsync(AccountId? account, CancellationToken cancellationToken)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account);
        var removed = await _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT INTO dnc_pending (set_id, scope, state) SELECT set_id, scope, 1 FROM dnc_sets WHERE scope = $scope;
                DELETE FROM dnc_sets WHERE scope = $scope;
                """);
            command.Parameters.AddWithValue("$scope", Scope(account));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);
        await CollectRegistryGarbageAsync(CancellationToken.None).ConfigureAwait(false);
        return removed;
    }

    async Task<int> IDoNotCallRegistryStore.FilterAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> listed, CancellationToken cancellationToken)
    {
        SuppressionStoreArguments.ValidateFilter(account, numbers, listed);
        listed.Span[..numbers.Length].Clear();
        if (numbers.IsEmpty)
        {
            return 0;
        }

        return await _registrySets.FilterAsync(numbers, listed, ct => CurrentRegistrySetsAsync(account, ct), LoadRegistrySetAsync,
            ct => ProbeRegistryAsync(account, numbers, listed, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The set ids in use for the account and for every account, with their sizes.</summary>
    private async Task<List<(string Scope, long SetId, long Count)>> CurrentRegistrySetsAsync(AccountId account, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, "SELECT scope, set_id, count FROM dnc_sets WHERE scope IN ('', $account);");
            command.Parameters.AddWithValue("$account", account.Value);
            return await RegistrySetCache.ReadSetsAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The numbers of a set, in one statement that finds nothing once the set is no longer in use.</summary>
    private async Task<List<ulong>> LoadRegistrySetAsync(long setId, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null,
                "SELECT number FROM dnc_numbers WHERE set_id = $set AND EXISTS (SELECT 1 FROM dnc_sets WHERE set_id = $set);");
            command.Parameters.AddWithValue("$set", setId);
            return await RegistrySetCache.ReadNumbersAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Probes the sets in the database, for sets too large to hold in memory: one statement, one snapshot.</summary>
    private async Task<int> ProbeRegistryAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> listed, CancellationToken cancellationToken)
    {
        var values = new ulong[numbers.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = numbers.Span[i].Value;
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, """
                SELECT j.key FROM json_each($numbers) AS j
                WHERE EXISTS (SELECT 1 FROM dnc_numbers AS d
                              WHERE d.set_id IN (SELECT set_id FROM dnc_sets WHERE scope IN ('', $account)) AND d.number = j.value);
                """);
            command.Parameters.AddWithValue("$numbers", JsonArray(values));
            command.Parameters.AddWithValue("$account", account.Value);
            var count = 0;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                listed.Span[reader.GetInt32(0)] = true;
                count++;
            }

            return count;
        }
    }

    /// <summary>Points the scope at the imported set, unless a newer import superseded it; the replaced set becomes garbage.</summary>
    private static async Task<DoNotCallRegistryInfo> SwapRegistryAsync(SqliteConnection connection, SqliteTransaction transaction, AccountId? account, long setId,
        DateOnly dataDate, DateTimeOffset importedAt, CancellationToken cancellationToken)
    {
        using var command = SqliteDatabase.Command(connection, transaction, """
            DELETE FROM dnc_pending WHERE set_id = $set AND state = 0;
            SELECT changes();
            """);
        command.Parameters.AddWithValue("$set", setId);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
        {
            throw new InvalidOperationException($"A newer import of the Do-Not-Call registry set '{Scope(account)}' started while this one ran; the newer one wins and this one was discarded.");
        }

        using var swap = SqliteDatabase.Command(connection, transaction, """
            INSERT INTO dnc_pending (set_id, scope, state) SELECT set_id, scope, 1 FROM dnc_sets WHERE scope = $scope;
            INSERT INTO dnc_sets (scope, set_id, data_date, imported_at, count)
            VALUES ($scope, $set, $date, $at, (SELECT COUNT(*) FROM dnc_numbers WHERE set_id = $set))
            ON CONFLICT (scope) DO UPDATE SET set_id = excluded.set_id, data_date = excluded.data_date, imported_at = excluded.imported_at, count = excluded.count;
            SELECT count FROM dnc_sets WHERE scope = $scope;
            """);
        swap.Parameters.AddWithValue("$scope", Scope(account));
        swap.Parameters.AddWithValue("$set", setId);
        swap.Parameters.AddWithValue("$date", dataDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        swap.Parameters.AddWithValue("$at", Ticks(importedAt));
        var count = (long)(await swap.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new DoNotCallRegistryInfo(account, dataDate, importedAt, count);
    }

    /// <summary>Deletes the numbers of replaced, removed and failed sets, one short transaction per batch.</summary>
    private async Task CollectRegistryGarbageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = await _database.WriteAsync(async (connection, transaction) =>
            {
                using var command = SqliteDatabase.Command(connection, transaction, """
                    DELETE FROM dnc_numbers WHERE set_id = (SELECT MIN(set_id) FROM dnc_pending WHERE state = 1)
                        AND number IN (SELECT number FROM dnc_numbers WHERE set_id = (SELECT MIN(set_id) FROM dnc_pending WHERE state = 1) LIMIT $batch);
                    DELETE FROM dnc_pending WHERE set_id = (SELECT MIN(set_id) FROM dnc_pending WHERE state = 1)
                        AND NOT EXISTS (SELECT 1 FROM dnc_numbers WHERE set_id = dnc_pending.set_id);
                    SELECT COUNT(*) FROM dnc_pending WHERE state = 1;
                    """);
                command.Parameters.AddWithValue("$batch", DeleteBatch);
                return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }, cancellationToken).ConfigureAwait(false);
            if (remaining == 0)
            {
                return;
            }
        }
    }

    private static string Scope(AccountId? account) => account?.Value ?? string.Empty;
}
