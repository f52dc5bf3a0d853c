using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// Finds the account an inbound message belongs to. The number it was sent to decides; an account a request names
/// itself (the JSON endpoint's <c>account</c>) is accepted only when it is that account or one the host says exists,
/// so a caller can never create an account by naming it.
/// </summary>
internal sealed class InboundAccounts(SmsOptOutEndpointOptions options)
{
    public bool CanResolve => options.ResolveInboundAccount is not null || options.InboundAccount is not null;

    /// <summary>Whether a request may name its account instead (it is then checked with <see cref="SmsOptOutEndpointOptions.IsKnownAccount"/>).</summary>
    public bool CanAcceptNamed => CanResolve || options.IsKnownAccount is not null;

    public ValueTask<AccountId?> ResolveAsync(PhoneNumber to, CancellationToken cancellationToken) =>
        options.ResolveInboundAccount?.Invoke(to, cancellationToken) ?? ValueTask.FromResult(options.InboundAccount);

    /// <summary>The account of a message sent to <paramref name="to"/> that names <paramref name="named"/>; <see langword="null"/> when the host knows no such account.</summary>
    public async ValueTask<AccountId?> ResolveAsync(PhoneNumber to, AccountId? named, CancellationToken cancellationToken)
    {
        var byNumber = await ResolveAsync(to, cancellationToken).ConfigureAwait(false);
        if (named is not { } account || byNumber == account)
        {
            return byNumber;
        }

        return options.IsKnownAccount is { } known && await known(account, cancellationToken).ConfigureAwait(false) ? account : null;
    }
}
