using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Privacy;

/// <summary>
/// What a storage adapter does for erasure, access and retention, verified by the conformance suite. Its suppression
/// store keeps pseudonymous suppressions beside the ordinary ones: <c>IsSuppressedAsync</c> and <c>FilterAsync</c> check
/// them (after the ordinary ones, so an erasure running at the same time never opens a gap), an account-wide opt-in lifts
/// them. For storage adapter authors.
/// </summary>
public interface IDataSubjectStore
{
    /// <summary>The accounts that hold anything of <paramref name="number"/>: events, suppressions, tokens or reply rows.</summary>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The accounts.</returns>
    Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases <paramref name="number"/> from <paramref name="record"/>'s account in one atomic change: every suppression
    /// of it becomes a suppression of <paramref name="pseudonym"/> in the same scope; its events, tokens, reply rows and
    /// the outbox rows of its events are deleted; the record is kept with the counts filled in.
    /// </summary>
    /// <param name="number">The number.</param>
    /// <param name="pseudonym">Its pseudonym under the active key.</param>
    /// <param name="record">The audit record (counts zero).</param>
    /// <param name="cancellationToken">Cancels the operation before it commits.</param>
    /// <returns>The record as kept, with the counts.</returns>
    Task<ErasureRecord> EraseAsync(PhoneNumber number, NumberPseudonym pseudonym, ErasureRecord record, CancellationToken cancellationToken = default);

    /// <summary>The erasure records of an account, oldest first.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<ErasureRecord> GetErasuresAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>The current suppressions of one number in an account, one per scope (account-wide, or a list).</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The suppressions.</returns>
    Task<IReadOnlyList<SuppressedNumber>> GetSuppressionsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>The outbox rows (any state) of the number's events in an account.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rows.</returns>
    Task<IReadOnlyList<OutboxMessage>> GetWebhooksAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>The stored link tokens issued to the number in an account, expired or not.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tokens.</returns>
    Task<IReadOnlyList<StoredLinkToken>> GetTokensAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the personal details of evidence (<see cref="ConsentEvidenceMinimizer"/>) from every event recorded before
    /// <paramref name="recordedBefore"/> that still has them, up to <paramref name="limit"/> events per call.
    /// </summary>
    /// <param name="recordedBefore">The cutoff (exclusive).</param>
    /// <param name="limit">The most events to change in one call.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many events were changed; fewer than <paramref name="limit"/> when none are left.</returns>
    Task<int> MinimizeEvidenceAsync(DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken = default);
}
