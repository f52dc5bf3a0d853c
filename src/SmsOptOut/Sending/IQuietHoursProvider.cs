using SmsOptOut.Consent;

namespace SmsOptOut.Sending;

/// <summary>
/// Supplies each account's quiet-hours rules (a CRM whose tenants send from different states, or with house rules of
/// their own). The default returns <c>SmsOptOutOptions.Sending.QuietHours</c> for every account. Asked once per list send.
/// </summary>
public interface IQuietHoursProvider
{
    /// <summary>The rules list sends of <paramref name="account"/> follow; empty for none.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rules; each is checked as the options' are, and a send with an invalid one is refused.</returns>
    ValueTask<IReadOnlyList<QuietHoursRule>> GetRulesAsync(AccountId account, CancellationToken cancellationToken = default);
}
