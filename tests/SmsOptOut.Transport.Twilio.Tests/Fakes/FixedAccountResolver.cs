using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Twilio.Tests.Fakes;

/// <summary>Every request belongs to one account.</summary>
internal sealed class FixedAccountResolver(AccountId account) : IInboundAccountResolver
{
    public ValueTask<AccountId?> ResolveAsync(SenderAddress? recipient, CancellationToken cancellationToken = default) => ValueTask.FromResult<AccountId?>(account);

    public ValueTask<bool> IsKnownAsync(AccountId candidate, CancellationToken cancellationToken = default) => ValueTask.FromResult(candidate == account);
}
