using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Privacy;

/// <summary>
/// A person's rights over what SmsOptOut holds about them: erasure that keeps them suppressed (GDPR Art. 17 with
/// Art. 21), access (Art. 15), the audit trail of erasures, and the requests themselves with their deadlines (Art. 12(3)
/// and the other laws of <see cref="DataProtectionLaw"/>).
/// </summary>
public interface IDataSubjectService
{
    /// <summary>
    /// Erases a number from one account or from every account that holds it: its consent log entries with their
    /// evidence, stored link tokens, keyword-reply rows and the outbox rows that carry it. Its suppressions stay, each in
    /// its scope, under a keyed pseudonym only: list sends, <c>IsSuppressedAsync</c> and <c>FilterAsync</c> still skip
    /// the number, and nothing left can be read back to it. Each account keeps an audit record (when, why, which request;
    /// no number). All or nothing per account; erasing again finds nothing and changes nothing. A later opt-in by the
    /// person lifts the pseudonymous suppression: a fresh start. When <see cref="ErasureRequest.RequestId"/> is the reference
    /// of an open <see cref="DataSubjectRequestKind.Erasure"/> request (<see cref="RecordRequestAsync"/>) that this erasure
    /// covers — the request's account, or every account when the request names none — the request is closed with the
    /// resolution "erased".
    /// </summary>
    /// <param name="request">The number, the request's reference and reason, and optionally the account.</param>
    /// <param name="cancellationToken">Cancels the operation (between accounts; an account's erasure is atomic).</param>
    /// <returns>One audit record per account erased from.</returns>
    /// <exception cref="InvalidOperationException">No pseudonym key is configured, or the storage cannot erase.</exception>
    /// <exception cref="ArgumentException">The reference or reason is empty, too long, or contains the number's digits.</exception>
    Task<ErasureResult> EraseAsync(ErasureRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes everything held about <paramref name="number"/> in <paramref name="account"/> as one JSON document,
    /// streamed: its current suppressions by scope, its consent events with their evidence, the webhooks that carry it,
    /// the link tokens issued to it, and the account's erasure records; and the consent certificate of each event in the
    /// tamper-evident log (docs/evidence.md) with the public keys that verify it — or why there is none (no log, no signing key,
    /// an event recorded before the log). Certifying an event may sign a checkpoint of the account's log.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="destination">Where the JSON goes (UTF-8); left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the document is written.</returns>
    Task WriteAccessReportAsync(AccountId account, PhoneNumber number, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>The erasures made in <paramref name="account"/>, oldest first.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The audit records.</returns>
    IAsyncEnumerable<ErasureRecord> GetErasuresAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a person's request with its due date, computed from its law: GDPR and UK GDPR one month from receipt (31
    /// January gives the last day of February), CCPA 45 days, PIPEDA and Québec 30 days — at the time of day it arrived.
    /// The record holds no number. Open requests are listed by <see cref="GetOpenRequestsAsync"/> until closed.
    /// </summary>
    /// <param name="request">The reference, kind, law, and optionally the account, the time it arrived and the person's number (for the check only).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The request as recorded.</returns>
    /// <exception cref="ArgumentException">
    /// A field is wrong, named with what was expected: the reference empty, too long or containing the number's digits; an
    /// undefined kind or law; an objection under a law other than GDPR or UK GDPR; a received time in the future.
    /// </exception>
    /// <exception cref="InvalidOperationException">A request with the reference is recorded already.</exception>
    /// <exception cref="NotSupportedException">The storage cannot keep requests (it has no <see cref="IDataSubjectStore"/>).</exception>
    Task<DataSubjectRequestRecord> RecordRequestAsync(DataSubjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends an open request's deadline, once, as its law allows: GDPR and UK GDPR to three months from receipt, CCPA to
    /// 90 days, PIPEDA to 60 days; Québec allows none (the strict reading, <see cref="DataProtectionLaw.Quebec"/>). The
    /// extension must be taken before the original due date, when the person must be told of it and why.
    /// </summary>
    /// <param name="reference">The request's reference.</param>
    /// <param name="reason">Why (what the person was told): 1 to 500 printable characters; keep the person's number out of it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The request as extended.</returns>
    /// <exception cref="ArgumentException">No request has the reference, or the reason is empty or too long.</exception>
    /// <exception cref="InvalidOperationException">Its law allows no extension, it was extended already, it is closed, or its due date has passed.</exception>
    Task<DataSubjectRequestRecord> ExtendRequestAsync(string reference, string reason, CancellationToken cancellationToken = default);

    /// <summary>Closes an open request: it was answered. It is kept, with when and how.</summary>
    /// <param name="reference">The request's reference.</param>
    /// <param name="resolution">How it was answered: 1 to 500 printable characters; keep the person's number out of it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The request as closed.</returns>
    /// <exception cref="ArgumentException">No request has the reference, or the resolution is empty or too long.</exception>
    /// <exception cref="InvalidOperationException">It is closed already.</exception>
    Task<DataSubjectRequestRecord> CloseRequestAsync(string reference, string resolution, CancellationToken cancellationToken = default);

    /// <summary>A request by its reference, open or closed.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The request, or <see langword="null"/> when none has the reference.</returns>
    Task<DataSubjectRequestRecord?> GetRequestAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// The open requests, soonest deadline first; <see cref="DataSubjectRequestRecord.IsOverdue"/> tells the late ones.
    /// With <paramref name="account"/>, that account's and those that concern every account.
    /// </summary>
    /// <param name="account">An account, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The open requests.</returns>
    IAsyncEnumerable<DataSubjectRequestRecord> GetOpenRequestsAsync(AccountId? account = null, CancellationToken cancellationToken = default);
}
