using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Accounts;

/// <summary>
/// Where a multi-tenant host keeps its accounts' settings (its own database). Register one with
/// <c>builder.UseAccountSettings&lt;T&gt;()</c>; accounts it does not know are looked up in
/// <see cref="SmsOptOutOptions.Accounts"/>, then take the global options. SmsOptOut caches what it returns (for
/// <see cref="SmsOptOutOptions.AccountSettingsLifetime"/>, or until <see cref="IAccountSettingsResolver.Invalidate"/>).
/// </summary>
public interface IAccountSettingsSource
{
    /// <summary>The settings of <paramref name="account"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The settings, or <see langword="null"/> when the source does not know the account.</returns>
    ValueTask<AccountSettings?> GetSettingsAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>The account whose inbound messages arrive at <paramref name="recipient"/> (one of its <see cref="AccountSettings.InboundAddresses"/>).</summary>
    /// <param name="recipient">The number, short code or sender ID a message was sent to.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The account, or <see langword="null"/> when none.</returns>
    ValueTask<AccountId?> FindAccountAsync(SenderAddress recipient, CancellationToken cancellationToken = default);

    /// <summary>Every account the source knows (the reporter asks each for its report settings).</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The accounts.</returns>
    IAsyncEnumerable<AccountId> GetAccountsAsync(CancellationToken cancellationToken = default);
}
