using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Keywords;

/// <summary>
/// Remembers when a number was last answered, so an opted-out number that keeps sending STOP is not answered more
/// than once per quiet period — even by several app instances at once. Implemented by each storage adapter.
/// </summary>
public interface IKeywordReplyLedger
{
    /// <summary>
    /// Atomically records a reply to <paramref name="number"/> at <paramref name="now"/>, unless a reply was recorded after
    /// <c>now - quietPeriod</c>.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number to be answered.</param>
    /// <param name="now">The current time.</param>
    /// <param name="quietPeriod">How long after a recorded reply no other may be recorded.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the reply was recorded and may be sent.</returns>
    Task<bool> TryRecordReplyAsync(AccountId account, PhoneNumber number, DateTimeOffset now, TimeSpan quietPeriod, CancellationToken cancellationToken = default);
}
