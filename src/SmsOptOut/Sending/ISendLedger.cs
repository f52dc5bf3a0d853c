using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending;

/// <summary>
/// Counts the list messages each recipient was sent, so frequency caps hold across app instances. Implemented by each
/// storage adapter (optional: without it, configured caps make list sends fail with an error naming the storage) and
/// verified by the conformance suite. For storage adapter authors.
/// </summary>
public interface ISendLedger
{
    /// <summary>
    /// Atomically, per number: when every counter of <paramref name="limits"/> holds fewer than its
    /// <see cref="SendLimit.Messages"/> messages recorded after <c>now - Window</c>, records one message at
    /// <paramref name="now"/> in every counter and sets <c>reserved[i]</c>; otherwise records nothing for it. Two
    /// instances reserving the same number at once never exceed a limit together.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="numbers">The recipients, each at most once.</param>
    /// <param name="limits">The counters, each named once.</param>
    /// <param name="now">The current time.</param>
    /// <param name="reserved">Receives one flag per number; at least as long as <paramref name="numbers"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many numbers were reserved.</returns>
    Task<int> TryReserveAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, IReadOnlyList<SendLimit> limits, DateTimeOffset now, Memory<bool> reserved,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets messages sent before <paramref name="sentBefore"/> (never a later one), in steps of at most
    /// <paramref name="limit"/> records (a message, or a recipient's counter, as the store keeps them). A store whose
    /// records expire by themselves may do nothing and return 0.
    /// </summary>
    /// <param name="sentBefore">The cutoff (exclusive).</param>
    /// <param name="limit">The most records to delete in this call.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many records were deleted or changed; fewer than <paramref name="limit"/> when none are left.</returns>
    Task<int> PurgeAsync(DateTimeOffset sentBefore, int limit, CancellationToken cancellationToken = default);
}
