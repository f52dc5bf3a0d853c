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

    /// <summary>
    /// Claims the right to send the account's next report until <paramref name="now"/> + <paramref name="lease"/>, so
    /// several app instances can run the reporter and one report goes out once. Succeeds when nobody holds the claim,
    /// when the holder's lease ended at or before <paramref name="now"/>, or when <paramref name="owner"/> already holds
    /// it (a renewal); fails while another owner's lease runs. Atomic: of owners claiming at once, one succeeds.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="owner">Who claims: one id per reporter instance.</param>
    /// <param name="now">The caller's clock.</param>
    /// <param name="lease">How long the claim holds; longer than sending a report takes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when <paramref name="owner"/> holds the claim now.</returns>
    Task<bool> TryClaimAsync(AccountId account, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);
}
