using Microsoft.Extensions.Options;
using SmsOptOut.Accounts.Internal;
using SmsOptOut.Consent;

namespace SmsOptOut.Reports.Internal;

/// <summary>
/// The default: the accounts of <c>SmsOptOutOptions.Reports.Accounts</c> and every account with settings of its own,
/// each with the report settings its resolved settings hold.
/// </summary>
internal sealed class AccountReportSettingsProvider(IOptions<SmsOptOutOptions> options, AccountSettingsResolver accounts) : IReportSettingsProvider
{
    public async ValueTask<IReadOnlyList<AccountId>> GetAccountsAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<AccountId>([.. options.Value.Reports.Accounts.Keys.Select(a => new AccountId(a))]);
        await foreach (var account in accounts.GetAccountsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!all.Contains(account))
            {
                all.Add(account);
            }
        }

        return all;
    }

    public async ValueTask<AccountReportSettings?> GetSettingsAsync(AccountId account, CancellationToken cancellationToken = default) =>
        (await accounts.GetAsync(account, cancellationToken).ConfigureAwait(false)).Options.Reports.Accounts.TryGetValue(account.Value, out var settings) ? settings : null;
}
