using SmsOptOut.Accounts;
using SmsOptOut.Consent;

namespace SmsOptOut.Keywords.Internal;

/// <summary>The default: each account's <c>Keywords</c> from its resolved settings (the global ones for an account without its own); the same instance while cached, so classifiers are built once.</summary>
internal sealed class AccountKeywordOptionsProvider(IAccountSettingsResolver accounts) : IKeywordOptionsProvider
{
    public async ValueTask<KeywordOptions> GetOptionsAsync(AccountId account, CancellationToken cancellationToken = default) =>
        (await accounts.GetAsync(account, cancellationToken).ConfigureAwait(false)).Options.Keywords;
}
