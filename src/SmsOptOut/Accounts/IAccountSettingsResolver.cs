using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Accounts;

/// <summary>
/// Each account's settings merged over the global options, validated with the same validators, and cached: every
/// per-account setting of SmsOptOut (keywords, sender identity, quiet hours, webhook endpoint, reports, link domain,
/// provider and its credentials, display name, inbound addresses) is read here. An account whose settings are invalid
/// fails its own operations with <see cref="AccountSettingsException"/>, never the host's.
/// </summary>
public interface IAccountSettingsResolver
{
    /// <summary>Whether any account has settings of its own (<see cref="SmsOptOutOptions.Accounts"/> or an <see cref="IAccountSettingsSource"/>).</summary>
    bool HasAccounts { get; }

    /// <summary>The account's settings, merged and validated; the global options for an account without settings of its own.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The account's resolved settings.</returns>
    /// <exception cref="AccountSettingsException">The account's settings are invalid: the message names the account and each failure.</exception>
    ValueTask<ResolvedAccountSettings> GetAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>The account whose inbound messages arrive at <paramref name="recipient"/>.</summary>
    /// <param name="recipient">The address a message was sent to.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The account, or <see langword="null"/> when no account names the address.</returns>
    ValueTask<AccountId?> FindAccountAsync(SenderAddress recipient, CancellationToken cancellationToken = default);

    /// <summary>Forgets the cached settings of <paramref name="account"/>: the next use reads them again (call it when a tenant's settings change).</summary>
    /// <param name="account">The account.</param>
    void Invalidate(AccountId account);

    /// <summary>Forgets every account's cached settings (also done when the options are reloaded).</summary>
    void InvalidateAll();
}
