using SmsOptOut.Consent;

namespace SmsOptOut.Suppression;

/// <summary>
/// The pauses of an account whose time has run out: read by the pause sweeper, which ends each through the one consent
/// path (an opt-in event with <see cref="ConsentEvent.Reverts"/>). Implemented by storage adapters that keep pauses
/// (<see cref="Storage.StorageCapabilities.Pauses"/>).
/// </summary>
public interface ISuppressionPauses
{
    /// <summary>The account-wide suppressions of <paramref name="account"/> that are pauses ending at or before <paramref name="endedBy"/>, earliest end first.</summary>
    /// <param name="account">The account.</param>
    /// <param name="endedBy">The time the pauses must have ended by (now).</param>
    /// <param name="limit">The most entries to return (1 to 10,000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Up to <paramref name="limit"/> pauses, each with its <see cref="SuppressedNumber.PausedUntil"/> and event id.</returns>
    Task<IReadOnlyList<SuppressedNumber>> GetEndedPausesAsync(AccountId account, DateTimeOffset endedBy, int limit, CancellationToken cancellationToken = default);
}
