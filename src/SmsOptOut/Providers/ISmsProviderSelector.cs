using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>
/// Which registered provider sends an account's messages (and is told about its consent changes). The default picks
/// <c>SmsOptOutOptions.DefaultProvider</c>, or the only registered provider. A CRM whose tenants use different
/// providers registers its own.
/// </summary>
public interface ISmsProviderSelector
{
    /// <summary>The name of the provider that sends for <paramref name="account"/>.</summary>
    /// <param name="account">The account, or <see langword="null"/> for a message sent for no account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A registered provider's <see cref="ISmsProvider.Name"/>.</returns>
    ValueTask<string> SelectAsync(AccountId? account, CancellationToken cancellationToken = default);
}
