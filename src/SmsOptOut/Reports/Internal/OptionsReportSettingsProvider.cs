using Microsoft.Extensions.Options;
using SmsOptOut.Consent;

namespace SmsOptOut.Reports.Internal;

/// <summary>The default settings provider: <c>SmsOptOutOptions.Reports.Accounts</c>.</summary>
internal sealed class OptionsReportSettingsProvider(IOptions<SmsOptOutOptions> options) : IReportSettingsProvider
{
    public ValueTask<IReadOnlyList<AccountId>> GetAccountsAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<AccountId>>([.. options.Value.Reports.Accounts.Keys.Select(a => new AccountId(a))]);

    public ValueTask<AccountReportSettings?> GetSettingsAsync(AccountId account, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(options.Value.Reports.Accounts.TryGetValue(account.Value, out var settings) ? settings : null);
}
