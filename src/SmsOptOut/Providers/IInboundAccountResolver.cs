using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Providers;

/// <summary>How the host tells which account an inbound request belongs to.</summary>
public interface IInboundAccountResolver
{
    /// <summary>The account that receives messages at <paramref name="recipient"/>; with no address, the host's only account, if it has one.</summary>
    /// <param name="recipient">The address a message was sent to (a number, short code or sender ID), or <see langword="null"/> when the request names none.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The account, or <see langword="null"/> when none.</returns>
    ValueTask<AccountId?> ResolveAsync(SenderAddress? recipient, CancellationToken cancellationToken = default);

    /// <summary>Whether an account a request names itself (in its URL or body) exists.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the host knows the account.</returns>
    ValueTask<bool> IsKnownAsync(AccountId account, CancellationToken cancellationToken = default);
}
