using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.OptIn;

/// <summary>
/// Remembers opt-ins and double opt-in requests, one record per number and account, so consent can be proved and a
/// list send can require it — across app instances. Implemented by each storage adapter (optional: without it, double
/// opt-in and consent requirements are refused with an error naming the storage) and verified by the conformance suite.
/// For storage adapter authors; hosts use <see cref="IOptInService"/>.
/// </summary>
public interface IOptInStore
{
    /// <summary>
    /// Atomically stores <paramref name="request"/> as the number's pending double opt-in request — unless the number has
    /// already confirmed one, or its current request was made after <c>request.RequestedAt - resendAfter</c>.
    /// The level and its evidence are not changed.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="request">The request.</param>
    /// <param name="resendAfter">How long after a request no other may be stored (zero: always).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether it was stored.</returns>
    Task<OptInRequestOutcome> SaveRequestAsync(AccountId account, PhoneNumber number, OptInConfirmationRequest request, TimeSpan resendAfter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically confirms the number's pending request, if it expires after <paramref name="now"/> and the number has not
    /// confirmed yet: the level becomes <see cref="OptInLevel.Confirmed"/> at <paramref name="now"/> with
    /// <paramref name="evidence"/>, and the request is kept. Of concurrent calls, one confirms.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="now">When the confirmation arrived.</param>
    /// <param name="evidence">What proves it (the reply).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The confirmed record, or <see langword="null"/> when nothing was pending.</returns>
    Task<OptInRecord?> ConfirmAsync(AccountId account, PhoneNumber number, DateTimeOffset now, ConsentEvidence evidence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an opt-in without confirmation (<see cref="OptInLevel.OptedIn"/>) from <paramref name="grant"/> — its date,
    /// basis, expiry and evidence — when <see cref="OptInGrant.Replaces"/> says so for the number's current standing (a
    /// confirmed double opt-in or an express opt-in is never replaced; an implied one gives way to an express one or to a
    /// longer-lasting implied one). Any pending request is kept. Atomic.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="grant">The opt-in.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the record changed.</returns>
    Task<bool> RecordOptInAsync(AccountId account, PhoneNumber number, OptInGrant grant, CancellationToken cancellationToken = default);

    /// <summary>Deletes the number's record in the account — level, evidence and any request (an opt-out revokes consent; an erasure removes it).</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a record was deleted.</returns>
    Task<bool> RevokeAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the records of a batch of numbers in the account in one call, as <see cref="RevokeAsync"/> does for each:
    /// the opt-outs of an import or a bulk call revoke their consent without a round trip each.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The numbers; repeats and numbers without a record are allowed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many records were deleted.</returns>
    Task<int> RevokeManyAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, CancellationToken cancellationToken = default);

    /// <summary>The number's record in the account, or <see langword="null"/> when there is none.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record.</returns>
    Task<OptInRecord?> GetAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a batch in one call: sets <c>standings[i]</c> to the level, basis and consent expiry of <c>numbers[i]</c>
    /// (<c>default</c>, level <see cref="OptInLevel.None"/>, without a record or with only a request).
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The batch.</param>
    /// <param name="standings">Receives one standing per number; at least as long as <paramref name="numbers"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when <paramref name="standings"/> is filled.</returns>
    Task GetStandingsAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, Memory<OptInStanding> standings, CancellationToken cancellationToken = default);

    /// <summary>
    /// The records of the account whose consent expires after <paramref name="after"/> and at or before
    /// <paramref name="until"/>, soonest first (then by number), for re-permission campaigns.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="after">The start of the window (exclusive).</param>
    /// <param name="until">The end of the window (inclusive).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<OptInRecord> GetExpiringAsync(AccountId account, DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>The accounts that hold a record of <paramref name="number"/> (for erasure and access).</summary>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The accounts.</returns>
    Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>Deletes records that hold only a request that expired at or before <paramref name="now"/>, up to <paramref name="limit"/> per call.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="limit">The most records to delete.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted; fewer than <paramref name="limit"/> when none are left.</returns>
    Task<int> PurgeExpiredRequestsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}
