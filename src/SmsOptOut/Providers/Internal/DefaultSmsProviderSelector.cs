using Microsoft.Extensions.Options;
using SmsOptOut.Consent;

namespace SmsOptOut.Providers.Internal;

/// <summary>Every account sends through <c>SmsOptOutOptions.DefaultProvider</c>, or through the only registered provider.</summary>
/// <remarks>An account whose settings name a <c>DefaultProvider</c> of their own sends through that one.</remarks>
internal sealed class DefaultSmsProviderSelector(IEnumerable<ISmsProvider> providers, IOptions<SmsOptOutOptions> options, Accounts.IAccountSettingsResolver accounts) : ISmsProviderSelector
{
    private readonly Lazy<string> _name = new(() => Choose([.. providers.Select(p => p.Name)], options.Value.DefaultProvider));

    /// <exception cref="InvalidOperationException">Several providers are registered and none is the default.</exception>
    public async ValueTask<string> SelectAsync(AccountId? account, CancellationToken cancellationToken = default)
    {
        if (account is { } a && accounts.HasAccounts
            && (await accounts.GetAsync(a, cancellationToken).ConfigureAwait(false)).Options.DefaultProvider is { Length: > 0 } own
            && own != options.Value.DefaultProvider)
        {
            return own;
        }

        return _name.Value;
    }

    private static string Choose(string[] names, string? configured) => configured ?? names switch
    {
        [var only] => only,
        [] => string.Empty,
        _ => throw new InvalidOperationException(
            $"Several SMS providers are registered ({string.Join(", ", names)}): set SmsOptOutOptions.DefaultProvider to one of them, or register an ISmsProviderSelector that picks one per account."),
    };
}
