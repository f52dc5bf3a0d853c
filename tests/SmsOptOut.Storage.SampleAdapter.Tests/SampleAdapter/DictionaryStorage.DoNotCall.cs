using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>Do-Not-Call registry sets: the global one and one per account, each replaced whole by an import.</summary>
internal sealed partial class DictionaryStorage
{
    private readonly Dictionary<string, (DoNotCallRegistryInfo Info, HashSet<ulong> Numbers)> _registries = new(StringComparer.Ordinal);

    public async Task<DoNotCallRegistryInfo> ReplaceAsync(AccountId? account, DateOnly dataDate, DateTimeOffset importedAt, IAsyncEnumerable<PhoneNumber[]> numbers,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateRegistry(account, dataDate, numbers);
        var set = new HashSet<ulong>();
        await foreach (var batch in numbers.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            set.UnionWith(batch.Select(n => n.Value));
        }

        // The new set replaces the old one only once it is complete: a failed import leaves the previous registry in place.
        var info = new DoNotCallRegistryInfo(account, dataDate, importedAt, set.Count);
        lock (_gate)
        {
            _registries[RegistryKey(account)] = (info, set);
        }

        return info;
    }

    public Task<DoNotCallRegistryInfo?> GetAsync(AccountId? account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateRegistry(account);
        lock (_gate)
        {
            return Task.FromResult(_registries.TryGetValue(RegistryKey(account), out var registry) ? registry.Info : null);
        }
    }

    public Task<bool> RemoveAsync(AccountId? account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateRegistry(account);
        lock (_gate)
        {
            return Task.FromResult(_registries.Remove(RegistryKey(account)));
        }
    }

    public Task<int> FilterAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> listed, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateFilter(account, numbers, listed);
        var count = 0;
        lock (_gate)
        {
            var own = _registries.GetValueOrDefault(RegistryKey(account)).Numbers;
            var global = _registries.GetValueOrDefault(RegistryKey(null)).Numbers;
            for (var i = 0; i < numbers.Length; i++)
            {
                var value = numbers.Span[i].Value;
                listed.Span[i] = (own?.Contains(value) ?? false) || (global?.Contains(value) ?? false);
                count += listed.Span[i] ? 1 : 0;
            }
        }

        return Task.FromResult(count);
    }

    /// <summary>The registry's key: the account's id, or "*" (not a valid account id) for the global registry.</summary>
    private static string RegistryKey(AccountId? account) => account?.Value ?? "*";
}
