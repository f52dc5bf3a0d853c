using Microsoft.Extensions.Options;
using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>
/// A provider's options for each account: the account's own (from an <see cref="IProviderOptionsResolver{TOptions}"/>)
/// when the host registered a resolver and it has some, otherwise the static options; validated by the provider's
/// <see cref="IValidateOptions{TOptions}"/> each time, so one tenant's bad credentials fail that tenant's sends with a
/// message, not the host. For provider authors: transports, inbound readers and consent syncs take their credentials here.
/// </summary>
/// <typeparam name="TOptions">The provider's options type.</typeparam>
public sealed class ProviderAccountOptions<TOptions>
    where TOptions : class
{
    private readonly IValidateOptions<TOptions>[] _validators;
    private readonly IProviderOptionsResolver<TOptions>? _resolver;

    /// <summary>Creates the per-account view of a provider's options.</summary>
    /// <param name="options">The static options.</param>
    /// <param name="validators">The provider's validators.</param>
    /// <param name="resolver">The host's per-account options, if it registered any.</param>
    public ProviderAccountOptions(IOptions<TOptions> options, IEnumerable<IValidateOptions<TOptions>> validators, IProviderOptionsResolver<TOptions>? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validators);
        Static = options.Value;
        _validators = [.. validators];
        _resolver = resolver;
    }

    /// <summary>The static options (validated at start-up).</summary>
    public TOptions Static { get; }

    /// <summary>Whether accounts may have options of their own.</summary>
    public bool PerAccount => _resolver is not null and not Accounts.Internal.AccountProviderOptions<TOptions> { Active: false };

    /// <summary>The options of <paramref name="account"/>.</summary>
    /// <param name="account">The account, or <see langword="null"/> for the static options.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The options.</returns>
    /// <exception cref="OptionsValidationException">The account's options are invalid; the message names the account and each failure.</exception>
    public async ValueTask<TOptions> GetAsync(AccountId? account, CancellationToken cancellationToken = default)
    {
        if (_resolver is null || account is not { } a || await _resolver.ResolveAsync(a, cancellationToken).ConfigureAwait(false) is not { } own)
        {
            return Static;
        }

        var failures = _validators.Select(v => v.Validate(Options.DefaultName, own)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
        return failures.Count == 0
            ? own
            : throw new OptionsValidationException(a.Value, typeof(TOptions), failures.Select(f => $"account '{a.Value}': {f}"));
    }
}
