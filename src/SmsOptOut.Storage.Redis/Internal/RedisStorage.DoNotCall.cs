using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// Do-Not-Call registry sets. An import fills a new set under a fresh id (with a one-day expiry while it runs, so a
/// crashed import leaves nothing behind), then one script points the scope at it and unlinks the old set. The filter
/// reads the scopes' pointers and checks the numbers against those sets held in memory (a set never changes under its
/// id; see <see cref="RegistrySetCache"/>), or, above <see cref="RedisStorageOptions.MaxCachedRegistryNumbers"/>, in one script.
/// </summary>
internal sealed partial class RedisStorage
{
    private static readonly TimeSpan ImportExpiry = TimeSpan.FromDays(1);

    async Task<DoNotCallRegistryInfo> IDoNotCallRegistryStore.ReplaceAsync(AccountId? account, DateOnly dataDate, DateTimeOffset importedAt,
        IAsyncEnumerable<PhoneNumber[]> numbers, CancellationToken cancellationToken)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account, dataDate, numbers);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var id = (long)await database.StringIncrementAsync(_root + ":dnc:seq").ConfigureAwait(false);
        var key = _root + ":dnc:s:" + id.ToString(CultureInfo.InvariantCulture);
        try
        {
            await foreach (var batch in numbers.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (batch.Length == 0)
                {
                    continue;
                }

                var write = database.CreateTransaction();
                _ = write.SetAddAsync(key, [.. batch.Select(n => (RedisValue)n.Value)]);
                _ = write.KeyExpireAsync(key, ImportExpiry);
                await write.ExecuteAsync().ConfigureAwait(false);
            }

            var count = (long)await database.ScriptEvaluateAsync(RedisDoNotCallScripts.Swap, keys: _routing, values:
                [_root, Scope(account), id, dataDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Ticks(importedAt)]).ConfigureAwait(false);
            return new DoNotCallRegistryInfo(account, dataDate, importedAt, count);
        }
        catch
        {
            await database.KeyDeleteAsync(key, CommandFlags.FireAndForget).ConfigureAwait(false);
            throw;
        }
    }

    async Task<DoNotCallRegistryInfo?> IDoNotCallRegistryStore.GetAsync(AccountId? account, CancellationToken cancellationToken)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var pointer = await database.HashGetAsync(_root + ":dnc", Scope(account)).ConfigureAwait(false);
        if (pointer.IsNull)
        {
            return null;
        }

        var parts = ((string)pointer!).Split('|');
        return new DoNotCallRegistryInfo(account, DateOnly.ParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), Instant(parts[2]),
            long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    async Task<bool> IDoNotCallRegistryStore.RemoveAsync(AccountId? account, CancellationToken cancellationToken)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (int)await database.ScriptEvaluateAsync(RedisDoNotCallScripts.Remove, keys: _routing, values: [_root, Scope(account)]).ConfigureAwait(false) == 1;
    }

    async Task<int> IDoNotCallRegistryStore.FilterAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> listed, CancellationToken cancellationToken)
    {
        SuppressionStoreArguments.ValidateFilter(account, numbers, listed);
        listed.Span[..numbers.Length].Clear();
        if (numbers.IsEmpty)
        {
            return 0;
        }

        return await _registrySets.FilterAsync(numbers, listed, _ => CurrentRegistrySetsAsync(account), LoadRegistrySetAsync,
            _ => ProbeRegistryAsync(account, numbers, listed), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The set ids in use for the account and for every account, with their sizes.</summary>
    private async Task<List<(string Scope, long SetId, long Count)>> CurrentRegistrySetsAsync(AccountId account)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var scopes = new RedisValue[] { Scope(null), Scope(account) };
        var pointers = await database.HashGetAsync(_root + ":dnc", scopes).ConfigureAwait(false);
        var sets = new List<(string, long, long)>(2);
        for (var i = 0; i < pointers.Length; i++)
        {
            if (!pointers[i].IsNull)
            {
                var parts = ((string)pointers[i]!).Split('|');
                sets.Add(((string)scopes[i]!, long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture)));
            }
        }

        return sets;
    }

    /// <summary>The numbers of a set; fewer than it holds when it was replaced (and unlinked) meanwhile.</summary>
    private async Task<List<ulong>> LoadRegistrySetAsync(long setId, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var values = new List<ulong>();
        await foreach (var member in database.SetScanAsync(_root + ":dnc:s:" + setId.ToString(CultureInfo.InvariantCulture), pageSize: 10_000)
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            values.Add((ulong)member);
        }

        return values;
    }

    /// <summary>Probes the sets in Redis, for sets too large to hold in memory: one script reads the pointers and the sets together.</summary>
    private async Task<int> ProbeRegistryAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> listed)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var values = new RedisValue[numbers.Length + 2];
        values[0] = _root;
        values[1] = Scope(account);
        for (var i = 0; i < numbers.Length; i++)
        {
            values[i + 2] = numbers.Span[i].Value;
        }

        var hits = (RedisResult[])(await database.ScriptEvaluateAsync(RedisDoNotCallScripts.Filter, keys: _routing, values: values).ConfigureAwait(false))!;
        var count = 0;
        for (var i = 0; i < hits.Length; i++)
        {
            if ((int)hits[i] == 1)
            {
                listed.Span[i] = true;
                count++;
            }
        }

        return count;
    }

    private static string Scope(AccountId? account) => account is { } a ? "a:" + a.Value : "g";
}
