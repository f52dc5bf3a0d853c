using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.OptIn;

/// <summary>
/// Captures consent to receive an account's messages, with proof: a double opt-in (a confirmation text answered with
/// YES, the TCPA's accepted proof of prior express written consent) or a recorded single opt-in. A list send can then
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

    /// <summary>Records a single opt-in (no confirmation text): level <see cref="OptInLevel.OptedIn"/> unless the number has a higher one.</summary>
    /// <param name="request">The sign-up and its evidence.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the level changed.</returns>
    /// <exception cref="InvalidOperationException">The storage keeps no opt-ins.</exception>
    Task<bool> RecordOptInAsync(OptInRequest request, CancellationToken cancellationToken = default);

    /// <summary>The opt-in record of a number, or <see langword="null"/> when there is none.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record.</returns>
    /// <exception cref="InvalidOperationException">The storage keeps no opt-ins.</exception>
    Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default);
}
