using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Providers;

namespace SmsOptOut.Accounts.Internal;

/// <summary>
/// The default per-account provider options: what an account's settings change of the provider's options — its
/// configuration section named after the provider (<c>Accounts:acme:Twilio</c>) or
/// <see cref="AccountSettings.ConfigureProvider{TOptions}"/> — applied to a copy of the global options; the global
/// options for an account that changes nothing. Replaced by <c>UseProviderOptions&lt;TOptions&gt;</c>.
/// </summary>
/// <typeparam name="TOptions">The provider's options.</typeparam>
internal sealed class AccountProviderOptions<TOptions>(string provider, Action<IConfiguration, TOptions>? bind, AccountSettingsResolver accounts, IOptionsFactory<TOptions> factory) : IProviderOptionsResolver<TOptions>
    where TOptions : class
{
    /// <summary>Whether any account has settings of its own, so inbound requests must be matched to an account before they are verified.</summary>
    public bool Active => accounts.HasAccounts;

    public ValueTask<TOptions?> ResolveAsync(AccountId account, CancellationToken cancellationToken = default) =>
        accounts.HasAccounts ? accounts.GetProviderOptionsAsync(account, provider, bind, factory, cancellationToken) : ValueTask.FromResult<TOptions?>(null);
}
