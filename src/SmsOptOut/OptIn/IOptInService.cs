using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.OptIn;

/// <summary>
/// Captures consent to receive an account's messages, with proof: a double opt-in (a confirmation text answered with
/// YES, one way to evidence prior express written consent) or a recorded single opt-in. A list send can then
/// require it (<c>ListSendRequest.Consent</c>). An opt-out revokes it.
/// </summary>
public interface IOptInService
{
    /// <summary>
    /// Starts a double opt-in: records the request with its evidence and sends the confirmation text
    /// (<see cref="DoubleOptInOptions.ConfirmationRequest"/>) through the transport. A YES reply within
    /// <see cref="DoubleOptInOptions.RequestLifetime"/>, processed by <c>IInboundSmsProcessor</c>, confirms it.
    /// </summary>
    /// <param name="request">The sign-up.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether a text was sent, or why not (already confirmed, requested moments ago).</returns>
    /// <exception cref="ArgumentException">The request has no account or number.</exception>
    /// <exception cref="InvalidOperationException">The storage keeps no opt-ins, or no transport is registered.</exception>
    Task<OptInRequestResult> RequestOptInAsync(OptInRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a single opt-in (no confirmation text) at level <see cref="OptInLevel.OptedIn"/> with the request's basis:
    /// express, or implied by a purchase, an inquiry… dated <see cref="OptInRequest.BasisAt"/> and expiring after the
    /// period <see cref="ConsentOptions.Lifetimes"/> gives it for the number (the shortest that applies). A confirmed
    /// double opt-in or an express opt-in is never replaced; an implied one gives way to an express one or to one that
    /// lasts longer. It does not lift a suppression: only an opt-in through <c>IOptOutService</c> does.
    /// </summary>
    /// <param name="request">The sign-up, its basis and its evidence.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the record changed.</returns>
    /// <exception cref="ArgumentException">The request has no account or number, or its basis date is in the future.</exception>
    /// <exception cref="InvalidOperationException">The storage keeps no opt-ins.</exception>
    Task<bool> RecordOptInAsync(OptInRequest request, CancellationToken cancellationToken = default);

    /// <summary>The opt-in record of a number, or <see langword="null"/> when there is none.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record.</returns>
    /// <exception cref="InvalidOperationException">The storage keeps no opt-ins.</exception>
    Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>The account's consents that lapse within <paramref name="within"/> from now, soonest first: whom to ask again.</summary>
    /// <param name="account">The account.</param>
    /// <param name="within">How far ahead to look (positive).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="within"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The storage keeps no opt-ins.</exception>
    IAsyncEnumerable<OptInRecord> GetExpiringAsync(AccountId account, TimeSpan within, CancellationToken cancellationToken = default);
}
