using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>
/// Per-account provider options: the credentials (and sender) an account sends with and its inbound signatures are
/// verified with, for hosts whose tenants each bring their own provider account. Accounts it returns nothing for use the
/// provider's static options. Register one with <c>builder.UseProviderOptions&lt;TOptions&gt;(…)</c>.
/// </summary>
/// <typeparam name="TOptions">The provider's options type, for example <c>TwilioOptions</c>.</typeparam>
public interface IProviderOptionsResolver<TOptions>
    where TOptions : class
{
    /// <summary>The options of <paramref name="account"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The account's options, or <see langword="null"/> to use the static ones.</returns>
    ValueTask<TOptions?> ResolveAsync(AccountId account, CancellationToken cancellationToken = default);
}
