using SmsOptOut.Accounts;
using SmsOptOut.Consent;

namespace SmsOptOut.Sending.Internal;

/// <summary>The default: each account's <c>Sending.QuietHours</c> from its resolved settings.</summary>
internal sealed class AccountQuietHoursProvider(IAccountSettingsResolver accounts) : IQuietHoursProvider
{
    public async ValueTask<IReadOnlyList<QuietHoursRule>> GetRulesAsync(AccountId account, CancellationToken cancellationToken = default) =>
        [.. (await accounts.GetAsync(account, cancellationToken).ConfigureAwait(false)).Options.Sending.QuietHours];
}
