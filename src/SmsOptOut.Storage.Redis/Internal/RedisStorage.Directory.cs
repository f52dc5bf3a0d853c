using System.Runtime.CompilerServices;
using SmsOptOut.Consent;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage : IAccountDirectory
{
    /// <summary>The accounts set (<c>{prefix}:accts</c>): every account is added to it before its first write.</summary>
    public async IAsyncEnumerable<AccountId> GetAccountsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        foreach (var name in (await AccountsAsync(database).ConfigureAwait(false)).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new AccountId(name);
        }
    }

    public async Task<bool> ContainsAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return await database.SetContainsAsync(_root + ":accts", account.Value).ConfigureAwait(false);
    }
}
