namespace SmsOptOut.Reports;

/// <summary>
/// Sends every account's due unsubscription report. The background service calls it every poll interval; call it
/// yourself to run reports from a scheduler of your own (then set <c>Reports.EnableReporter = false</c>).
/// </summary>
public interface IUnsubscriptionReporter
{
    /// <summary>Sends the reports that are due now; returns how many accounts got one.</summary>
    /// <param name="cancellationToken">Cancels the run; a report half sent is sent again next time.</param>
    /// <returns>The number of accounts reported to.</returns>
    Task<int> SendDueReportsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The report <paramref name="account"/> would receive now, for everything recorded since its last report — for a
    /// "what's new" screen or a demo. Nothing is sent and the cursor does not move.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The preview; <see langword="null"/> when the account has no report settings.</returns>
    Task<ReportPreview?> PreviewAsync(Consent.AccountId account, CancellationToken cancellationToken = default);
}
