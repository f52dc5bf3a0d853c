using SmsOptOut.Consent;

namespace SmsOptOut.Providers.Internal;

/// <summary>An <see cref="ISmsProviderSelector"/> from the host's delegate.</summary>
internal sealed class DelegateProviderSelector(Func<AccountId?, CancellationToken, ValueTask<string>> select) : ISmsProviderSelector
{
    public ValueTask<string> SelectAsync(AccountId? account, CancellationToken cancellationToken = default) => select(account, cancellationToken);
}
