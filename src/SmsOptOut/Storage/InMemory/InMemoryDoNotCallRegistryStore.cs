using System.Collections.Concurrent;
using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.InMemory;

/// <summary>
/// Do-Not-Call registry sets in process memory, one <see cref="NumberSet"/> per account and one for every account. A
/// replacement builds the new set aside and swaps the reference, so readers see the old set or the new one. Not durable.
/// </summary>
internal sealed class InMemoryDoNotCallRegistryStore : IDoNotCallRegistryStore
{
    /// <summary>The key of the set every account consults; account ids are never empty.</summary>
    private const string Global = "";

    private readonly ConcurrentDictionary<string, RegistrySet> _sets = new(StringComparer.Ordinal);

    public async Task<DoNotCallRegistryInfo> ReplaceAsync(AccountId? account, DateOnly dataDate, DateTimeOffset importedAt, IAsyncEnumerable<PhoneNumber[]> numbers,
        CancellationToken cancellationToken = default)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account, dataDate, numbers);
        var values = new HashSet<ulong>();
        await foreach (var batch in numbers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var number in batch)
            {
                values.Add(number.Value);
            }
        }

        var info = new DoNotCallRegistryInfo(account, dataDate, importedAt, values.Count);
        _sets[Key(account)] = new RegistrySet(info, new NumberSet(values));
        return info;
    }

    public Task<DoNotCallRegistryInfo?> GetAsync(AccountId? account, CancellationToken cancellationToken = default)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account);
        return Task.FromResult(_sets.TryGetValue(Key(account), out var set) ? set.Info : null);
    }

    public Task<bool> RemoveAsync(AccountId? account, CancellationToken cancellationToken = default)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account);
        return Task.FromResult(_sets.TryRemove(Key(account), out _));
    }

    public Task<int> FilterAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> listed, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.ValidateFilter(account, numbers, listed);
        var own = _sets.GetValueOrDefault(account.Value)?.Numbers;
        var global = _sets.GetValueOrDefault(Global)?.Numbers;
        var input = numbers.Span;
        var flags = listed.Span;
        var count = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var value = input[i].Value;
            flags[i] = (own?.Contains(value) ?? false) || (global?.Contains(value) ?? false);
            count += flags[i] ? 1 : 0;
        }

        return Task.FromResult(count);
    }

    private static string Key(AccountId? account) => account?.Value ?? Global;

    private sealed record RegistrySet(DoNotCallRegistryInfo Info, NumberSet Numbers);
}
