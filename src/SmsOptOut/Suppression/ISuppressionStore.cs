using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Suppression;

/// <summary>
/// Remembers every opt-out and opt-in (the consent log) and the suppression state derived from it. Implemented by each
/// storage adapter and verified by the shared conformance suite. Only <c>IOptOutService</c> writes to it.
/// </summary>
/// <remarks>
/// <para>Scopes: an account-wide suppression blocks every message of the account; a list suppression blocks only
/// messages sent to that list. An account-wide opt-in lifts the account-wide suppression and every list suppression
/// of the number; a list opt-in lifts only that list's and never an account-wide one.</para>
/// </remarks>
public interface ISuppressionStore
{
    /// <summary>
    /// Applies one consent event atomically: records it in the log, updates the suppression state and writes
    /// <paramref name="outbox"/> — all or nothing. Idempotent: an event id already recorded for the account changes nothing.
    /// </summary>
    /// <param name="consentEvent">The event.</param>
    /// <param name="outbox">Webhook messages owed if, and only if, the event is applied. May be empty.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the event was applied, changed nothing, or was a duplicate.</returns>
    Task<ConsentApplyStatus> ApplyAsync(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a batch of consent events in order, in one round trip (one transaction in SQL stores): each item as
    /// <see cref="ApplyAsync"/> would, and the batch all or nothing. For imports and bulk API calls.
    /// </summary>
    /// <param name="writes">The events and their outbox messages, applied in order (a later item sees the earlier ones).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One status per item, in order.</returns>
    Task<IReadOnlyList<ConsentApplyStatus>> ApplyBatchAsync(IReadOnlyList<ConsentWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="number"/> must not receive messages of <paramref name="account"/> (sent to <paramref name="list"/>, when given).</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="list">The list the message goes to, or <see langword="null"/> to check the account-wide state only.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when suppressed.</returns>
    Task<bool> IsSuppressedAsync(AccountId account, PhoneNumber number, ListId? list = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a batch of numbers in one call: sets <c>suppressed[i]</c> to whether <c>numbers[i]</c> must not receive
    /// messages of <paramref name="account"/> sent to <paramref name="list"/> (account-wide state only when <see langword="null"/>).
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="list">The list the messages go to, or <see langword="null"/>.</param>
    /// <param name="numbers">The batch.</param>
    /// <param name="suppressed">Receives one flag per number; at least as long as <paramref name="numbers"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many numbers of the batch are suppressed.</returns>
    Task<int> FilterAsync(AccountId account, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed, CancellationToken cancellationToken = default);

    /// <summary>The consent log of one number, oldest first.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in the order they were recorded.</returns>
    IAsyncEnumerable<ConsentEvent> GetHistoryAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the current suppressions of <paramref name="account"/> in <see cref="SuppressionCursor"/> order,
    /// starting after <paramref name="after"/>. Page through by passing the last entry's <see cref="SuppressedNumber.Cursor"/>.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="after">The position to continue from; <see cref="SuppressionCursor.Start"/> for the first page.</param>
    /// <param name="limit">The most entries to return (1 to 10,000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Up to <paramref name="limit"/> entries; fewer only at the end.</returns>
    Task<IReadOnlyList<SuppressedNumber>> GetSuppressedAsync(AccountId account, SuppressionCursor after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The consent events of <paramref name="account"/> recorded after <paramref name="recordedAfter"/> and at or before
    /// <paramref name="recordedUntil"/> (by <see cref="ConsentEvent.RecordedAt"/>), oldest first, streamed.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="recordedAfter">Exclusive lower bound.</param>
    /// <param name="recordedUntil">Inclusive upper bound.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in recording order.</returns>
    IAsyncEnumerable<ConsentEvent> GetEventsAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil, CancellationToken cancellationToken = default);
}
