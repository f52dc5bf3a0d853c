using SmsOptOut.Consent;

namespace SmsOptOut.Reports;

/// <summary>
/// Supplies report settings: a CRM implements it over its own database; the default reads
/// <c>SmsOptOutOptions.Reports.Accounts</c> (for single-account hosts).
/// </summary>
public interface IReportSettingsProvider
{
    /// <summary>The accounts that may receive reports.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The accounts.</returns>
    ValueTask<IReadOnlyList<AccountId>> GetAccountsAsync(CancellationToken cancellationToken = default);

    /// <summary>One account's settings; <see langword="null"/> when it receives no reports.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The settings.</returns>
    ValueTask<AccountReportSettings?> GetSettingsAsync(AccountId account, CancellationToken cancellationToken = default);
}
