using SmsOptOut.Consent;

namespace SmsOptOut.Storage;

/// <summary>
/// The accounts a storage holds data for, so tools can refuse an account name that holds nothing (a mistyped
/// <c>Acme</c> for <c>acme</c> would otherwise be answered "not suppressed"). An account is listed from the first consent
/// event written for it, whatever that write's outcome, and stays listed when its people are erased; an adapter may also
/// list accounts that hold only other data (link tokens, webhooks, held messages). Reads never add an account.
/// Optional for storage adapters; the conformance suite <c>AccountDirectoryTests</c> checks it.
/// </summary>
public interface IAccountDirectory
{
    /// <summary>Every account the storage holds, in ordinal order of their ids, each once.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The accounts.</returns>
    IAsyncEnumerable<AccountId> GetAccountsAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="account"/> is one of <see cref="GetAccountsAsync"/>'s accounts (ids compare ordinally: <c>Acme</c> is not <c>acme</c>).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns><see langword="true"/> when the storage holds it.</returns>
    /// <exception cref="ArgumentException">The account is default.</exception>
    Task<bool> ContainsAsync(AccountId account, CancellationToken cancellationToken = default);
}
