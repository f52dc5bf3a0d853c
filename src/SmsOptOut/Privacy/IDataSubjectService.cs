using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Privacy;

/// <summary>
/// A person's rights over what SmsOptOut holds about them: erasure that keeps them suppressed (GDPR Art. 17 with
/// Art. 21), access (Art. 15), and the audit trail of erasures.
/// </summary>
public interface IDataSubjectService
{
    /// <summary>
    /// Erases a number from one account or from every account that holds it: its consent log entries with their
    /// evidence, stored link tokens, keyword-reply rows and the outbox rows that carry it. Its suppressions stay, each in
    /// its scope, under a keyed pseudonym only: list sends, <c>IsSuppressedAsync</c> and <c>FilterAsync</c> still skip
    /// the number, and nothing left can be read back to it. Each account keeps an audit record (when, why, which request;
    /// no number). All or nothing per account; erasing again finds nothing and changes nothing. A later opt-in by the
    /// person lifts the pseudonymous suppression: a fresh start.
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
    /// the link tokens issued to it, and the account's erasure records.
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
}
