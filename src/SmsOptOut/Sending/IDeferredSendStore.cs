using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Sending;

/// <summary>
/// Holds list messages deferred by quiet hours until they may be sent, durably and so that each is sent at most once
/// by however many instances: a scheduler claims due messages atomically and deletes them once sent. Implemented by
/// each storage adapter (optional: without it, <c>SendingOptions.HoldDeferred</c> is refused at send time) and
/// verified by the conformance suite. For storage adapter authors.
/// </summary>
public interface IDeferredSendStore
{
    /// <summary>Stores messages to send later; an id already stored is kept as it is.</summary>
    /// <param name="sends">The messages.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when all are stored.</returns>
    Task AddAsync(IReadOnlyList<DeferredSend> sends, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically claims up to <paramref name="limit"/> pending messages due at <paramref name="now"/> (earliest first):
    /// they are no longer pending, so no other call returns them. Of concurrent calls, each message goes to one.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="limit">The most messages to claim.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claimed messages.</returns>
    Task<IReadOnlyList<DeferredSend>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes claimed messages once they were sent (or refused for good).</summary>
    /// <param name="ids">The messages' ids.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> CompleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Deletes every held message, pending or claimed, of a number in an account (erasure).</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>The accounts holding messages for <paramref name="number"/> (erasure).</summary>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The accounts.</returns>
    Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>How many messages are pending and claimed.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The counts.</returns>
    Task<DeferredSendCounts> CountAsync(CancellationToken cancellationToken = default);
}
