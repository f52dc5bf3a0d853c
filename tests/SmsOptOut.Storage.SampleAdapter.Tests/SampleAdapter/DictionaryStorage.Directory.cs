using SmsOptOut.Consent;

namespace SmsOptOut.Storage.SampleAdapter;

internal sealed partial class DictionaryStorage
{
    /// <summary>Accounts with a recorded event or an erasure; an account state made by a read alone is not an account.</summary>
    public IAsyncEnumerable<AccountId> GetAccountsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Stream([.. _accounts.Where(a => Holds(a.Value)).Select(a => a.Key).Order(StringComparer.Ordinal).Select(name => new AccountId(name))], cancellationToken);
        }
    }

    public Task<bool> ContainsAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        lock (_gate)
        {
            return Task.FromResult(_accounts.TryGetValue(account.Value, out var state) && Holds(state));
        }
    }

    private static bool Holds(AccountState state) => state.Log.Count > 0 || state.Erasures.Count > 0;
}
