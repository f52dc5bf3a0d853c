using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// Do-Not-Call registry sets. A replacement is one transaction: the new set's numbers under a new set id, the scope
/// pointed at it, the old set deleted; readers keep the old set (MVCC) until it commits, and a failed import rolls
/// back to nothing. Opt-outs never wait for it: it touches only the registry tables. The filter reads the scopes' set
/// ids and checks the numbers against those sets held in memory (a set's numbers never change under its id; see
/// <see cref="RegistrySetCache"/>); sets above <see cref="PostgreSqlStorageOptions.MaxCachedRegistryNumbers"/> are
/// probed in the database, a large batch in two halves at once, each number against one whole set.
/// </summary>
internal sealed partial class PostgreSqlStorage
{
    async Task<DoNotCallRegistryInfo> IDoNotCallRegistryStore.ReplaceAsync(AccountId? account, DateOnly dataDate, DateTimeOffset importedAt,
        IAsyncEnumerable<PhoneNumber[]> numbers, CancellationToken cancellationToken)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account, dataDate, numbers);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                long setId;
                using (var next = _database.Command(connection, transaction, "SELECT nextval('{schema}.dnc_set_ids');"))
                {
                    setId = (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                await foreach (var batch in numbers.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    using var insert = _database.Command(connection, transaction,
                        "INSERT INTO {schema}.dnc_numbers (set_id, number) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING;");
                    Add(insert, setId);
                    Add(insert, batch.Select(n => (long)n.Value).ToArray());
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using var swap = _database.Command(connection, transaction, """
                    WITH old AS (SELECT set_id FROM {schema}.dnc_sets WHERE scope = $1 FOR UPDATE),
                         gone AS (DELETE FROM {schema}.dnc_numbers WHERE set_id IN (SELECT set_id FROM old)),
                         counted AS (SELECT count(*) AS count FROM {schema}.dnc_numbers WHERE set_id = $2)
                    INSERT INTO {schema}.dnc_sets (scope, set_id, data_date, imported_at, count)
                    SELECT $1, $2, $3, $4, count FROM counted
                    ON CONFLICT (scope) DO UPDATE SET set_id = excluded.set_id, data_date = excluded.data_date, imported_at = excluded.imported_at, count = excluded.count
                    RETURNING count;
                    """);
                Add(swap, Scope(account));
                Add(swap, setId);
                Add(swap, dataDate);
                Add(swap, Utc(importedAt));
                var count = (long)(await swap.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new DoNotCallRegistryInfo(account, dataDate, importedAt, count);
            }
        }
    }

    async Task<DoNotCallRegistryInfo?> IDoNotCallRegistryStore.GetAsync(AccountId? account, CancellationToken cancellationToken)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, "SELECT data_date, imported_at, count FROM {schema}.dnc_sets WHERE scope = $1;");
            Add(command, Scope(account));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new DoNotCallRegistryInfo(account, reader.GetFieldValue<DateOnly>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2))
                : null;
        }
    }

    Task<bool> IDoNotCallRegistryStore.RemoveAsync(AccountId? account, CancellationToken cancellationToken)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                WITH old AS (DELETE FROM {schema}.dnc_sets WHERE scope = $1 RETURNING set_id),
                     gone AS (DELETE FROM {schema}.dnc_numbers WHERE set_id IN (SELECT set_id FROM old))
                SELECT count(*) FROM old;
                """);
            Add(command, Scope(account));
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
        }, cancellationToken);
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
            ct => ParallelProbe.InHalvesAsync(numbers, listed, (slice, flags) => FilterRegistryRangeAsync(account, slice, flags, ct), ct), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The set ids in use for the account and for every account, with their sizes.</summary>
    private async Task<List<(string Scope, long SetId, long Count)>> CurrentRegistrySetsAsync(AccountId account, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, "SELECT scope, set_id, count FROM {schema}.dnc_sets WHERE scope IN ('', $1);");
            Add(command, account.Value);
            return await RegistrySetCache.ReadSetsAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The numbers of a set, in one statement that finds nothing once the set is no longer in use.</summary>
    private async Task<List<ulong>> LoadRegistrySetAsync(long setId, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null,
                "SELECT number FROM {schema}.dnc_numbers WHERE set_id = $1 AND EXISTS (SELECT 1 FROM {schema}.dnc_sets WHERE set_id = $1);");
            Add(command, setId);
            return await RegistrySetCache.ReadNumbersAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Probes a slice in the database, for sets too large to hold in memory: one statement, one snapshot per half.</summary>
    private async Task<int> FilterRegistryRangeAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> listed, CancellationToken cancellationToken)
    {
        var values = Values(numbers.Span);

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, """
                SELECT u.ord FROM unnest($1::bigint[]) WITH ORDINALITY AS u(number, ord)
                WHERE EXISTS (SELECT 1 FROM {schema}.dnc_numbers d
                              WHERE d.set_id = ANY (ARRAY(SELECT set_id FROM {schema}.dnc_sets WHERE scope IN ('', $2))) AND d.number = u.number);
                """);
            Add(command, values);
            Add(command, account.Value);
            var count = 0;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                listed.Span[(int)reader.GetInt64(0) - 1] = true;
                count++;
            }

            return count;
        }
    }

    private static string Scope(AccountId? account) => account?.Value ?? string.Empty;
}
