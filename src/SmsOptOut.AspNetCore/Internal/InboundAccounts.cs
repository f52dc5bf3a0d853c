using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Providers;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// Finds the account an inbound message belongs to from <see cref="SmsOptOutEndpointOptions"/>. The number it was sent
/// to decides; an account a request names itself (in its URL, or the JSON endpoint's <c>account</c>) is accepted only
/// when it is that account or one the host says exists, so a caller can never create an account by naming it.
/// </summary>
internal sealed class InboundAccounts(SmsOptOutEndpointOptions options) : IInboundAccountResolver
{
    public bool CanResolve => options.ResolveInboundAccount is not null || options.InboundAccount is not null;

    /// <summary>Whether a request may name its account instead (it is then checked with <see cref="SmsOptOutEndpointOptions.IsKnownAccount"/>).</summary>
    public bool CanAcceptNamed => CanResolve || options.IsKnownAccount is not null;

    /// <summary>The account of <paramref name="recipient"/> by <see cref="SmsOptOutEndpointOptions.ResolveInboundAccount"/> when set, else <see cref="SmsOptOutEndpointOptions.InboundAccount"/>.</summary>
    public ValueTask<AccountId?> ResolveAsync(SenderAddress? recipient, CancellationToken cancellationToken = default) =>
        recipient is { } to && options.ResolveInboundAccount is { } resolve ? resolve(to, cancellationToken) : ValueTask.FromResult(options.InboundAccount);

    public async ValueTask<bool> IsKnownAsync(AccountId account, CancellationToken cancellationToken = default) =>
        account == options.InboundAccount || (options.IsKnownAccount is { } known && await known(account, cancellationToken).ConfigureAwait(false));

    /// <summary>The account of a message sent to <paramref name="to"/> that names <paramref name="named"/>; <see langword="null"/> when the host knows no such account.</summary>
    public async ValueTask<AccountId?> ResolveAsync(SenderAddress to, AccountId? named, CancellationToken cancellationToken)
    {
        var byNumber = await ResolveAsync(to, cancellationToken).ConfigureAwait(false);
        if (named is not { } account || byNumber == account)
        {
            return byNumber;
        }

        return await IsKnownAsync(account, cancellationToken).ConfigureAwait(false) ? account : null;
    }
}
