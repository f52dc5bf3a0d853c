using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>Finds the account of an inbound message from the number it was sent to.</summary>
internal sealed class InboundAccounts(SmsOptOutEndpointOptions options)
{
    public bool CanResolve => options.ResolveInboundAccount is not null || options.InboundAccount is not null;

    public ValueTask<AccountId?> ResolveAsync(PhoneNumber to, CancellationToken cancellationToken) =>
        options.ResolveInboundAccount?.Invoke(to, cancellationToken) ?? ValueTask.FromResult(options.InboundAccount);
}
