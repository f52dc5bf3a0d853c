using SmsOptOut.Consent;

namespace SmsOptOut.Sending;

/// <summary>
/// Supplies each account's <see cref="SenderIdentity"/> (a CRM keeps a brand per tenant). The default returns
/// <c>SmsOptOutOptions.Sending.SenderIdentity</c> for every account.
/// </summary>
public interface ISenderIdentityProvider
{
    /// <summary>The identity of <paramref name="account"/>'s messages.</summary>
    /// <param name="account">The sending account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The identity; treat it as immutable once returned.</returns>
    ValueTask<SenderIdentity> GetIdentityAsync(AccountId account, CancellationToken cancellationToken = default);
}
