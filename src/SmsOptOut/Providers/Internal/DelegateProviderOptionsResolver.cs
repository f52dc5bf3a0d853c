using SmsOptOut.Consent;

namespace SmsOptOut.Providers.Internal;

/// <summary>An <see cref="IProviderOptionsResolver{TOptions}"/> from the host's delegate.</summary>
internal sealed class DelegateProviderOptionsResolver<TOptions>(Func<AccountId, CancellationToken, ValueTask<TOptions?>> resolve) : IProviderOptionsResolver<TOptions>
    where TOptions : class
{
    public ValueTask<TOptions?> ResolveAsync(AccountId account, CancellationToken cancellationToken = default) => resolve(account, cancellationToken);
}
