using SmsOptOut.Consent;

namespace SmsOptOut.Reports;

/// <summary>
/// Remembers each account's <see cref="ReportCursor"/>, durably in every storage adapter. The reporter writes it only
/// after a report was sent, so a crash in between sends that period again rather than skipping it.
/// </summary>
public interface IReportCursorStore
{
    /// <summary>The account's cursor; <see langword="null"/> before its first report.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The cursor.</returns>
    Task<ReportCursor?> GetAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>Stores the account's cursor, replacing the previous one.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cursor">The new cursor.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the cursor is durable.</returns>
    Task SetAsync(AccountId account, ReportCursor cursor, CancellationToken cancellationToken = default);
}
