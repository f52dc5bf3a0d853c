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
/// them. It also keeps the data-subject requests and their deadlines (<see cref="DataSubjectRequestRecord"/>), by
/// reference across the deployment, never with a number. For storage adapter authors.
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

    /// <summary>Records a new, open request (no extension, not closed) under its reference, unless one with that reference exists.</summary>
    /// <param name="request">The request, with its due date computed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when recorded; <see langword="false"/> when a request with the reference exists (open or closed), which is left unchanged.</returns>
    Task<bool> AddRequestAsync(DataSubjectRequestRecord request, CancellationToken cancellationToken = default);

    /// <summary>The request with a reference, open or closed.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The request, or <see langword="null"/> when none has the reference.</returns>
    Task<DataSubjectRequestRecord?> GetRequestAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Extends an open request that was not extended yet, in one atomic change: sets its extended due date and the reason.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="extendedDueAt">The new deadline.</param>
    /// <param name="reason">Why (what the person was told).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when extended; <see langword="false"/> when no request has the reference, or it is closed or already extended (then nothing changes).</returns>
    Task<bool> ExtendRequestAsync(string reference, DateTimeOffset extendedDueAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>Closes an open request, in one atomic change: of concurrent calls for one request exactly one succeeds.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="closedAt">When it was answered.</param>
    /// <param name="resolution">How.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when closed; <see langword="false"/> when no request has the reference or it is closed already (then nothing changes).</returns>
    Task<bool> CloseRequestAsync(string reference, DateTimeOffset closedAt, string resolution, CancellationToken cancellationToken = default);

    /// <summary>The open requests of every account, soonest <see cref="DataSubjectRequestRecord.Deadline"/> first, then by reference (ordinal).</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The open requests.</returns>
    IAsyncEnumerable<DataSubjectRequestRecord> GetOpenRequestsAsync(CancellationToken cancellationToken = default);
}
