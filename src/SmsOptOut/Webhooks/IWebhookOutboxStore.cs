using SmsOptOut.Consent;

namespace SmsOptOut.Webhooks;

/// <summary>
/// The durable outbox of opt-out webhooks. Messages are written by <c>ISuppressionStore.ApplyAsync</c> in the same
/// transaction as their consent event; dispatchers — possibly several app instances — claim due messages under a
/// lease, deliver them and record the result. Retry timing lives in the message, not in any process.
/// </summary>
public interface IWebhookOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> pending messages whose next attempt is due at <paramref name="now"/> and
    /// whose lease is free or expired, oldest due first, leasing them to <paramref name="owner"/> until
    /// <c>now + lease</c>. A message is never leased to two owners at once.
    /// </summary>
    /// <param name="owner">A name unique to the claiming dispatcher instance.</param>
    /// <param name="now">The current time.</param>
    /// <param name="lease">How long the claim holds; a dispatcher that dies releases its messages when it expires.</param>
    /// <param name="limit">The most messages to claim (1 to 1,000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claimed messages, with their lease set.</returns>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records a delivery attempt and releases the lease.</summary>
    /// <param name="attempt">The result.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the message is not leased to <see cref="OutboxAttempt.LeaseOwner"/> any more (nothing was written).</returns>
    Task<bool> RecordAttemptAsync(OutboxAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>One message, in any state.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The message, or <see langword="null"/>.</returns>
    Task<OutboxMessage?> FindAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>The dead-lettered messages of an account, oldest first.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The messages.</returns>
    IAsyncEnumerable<OutboxMessage> GetDeadLettersAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>Makes dead-lettered messages of an account pending again, due at <paramref name="now"/>, with their attempts reset.</summary>
    /// <param name="account">The account.</param>
    /// <param name="messageIds">The messages to replay, or <see langword="null"/> for all of the account's dead letters.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many messages were replayed.</returns>
    Task<int> ReplayDeadLettersAsync(AccountId account, IReadOnlyCollection<string>? messageIds, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes pending messages that wait for a later retry due at <paramref name="now"/>, so the next claim delivers them:
    /// "retry now" after a receiver was fixed, and the fast loop of a developer testing a receiver. Messages leased to a
    /// dispatcher at <paramref name="now"/> are left alone; delivered and dead-lettered ones too (replay those).
    /// </summary>
    /// <param name="account">The account, or <see langword="null"/> for every account.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many messages were made due.</returns>
    Task<int> MakeDueAsync(AccountId? account, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Counts messages by state, for an account or for all.</summary>
    /// <param name="account">The account, or <see langword="null"/> for every account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Pending, delivered and dead-lettered counts, and when the earliest pending message is due.</returns>
    Task<OutboxCounts> CountAsync(AccountId? account = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes delivered messages delivered before <paramref name="deliveredBefore"/>.</summary>
    /// <param name="deliveredBefore">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default);
}
