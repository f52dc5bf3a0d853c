using SmsOptOut.Accounts;
using SmsOptOut.Consent;

namespace SmsOptOut.Sending.Internal;

/// <summary>The default: each account's <c>Sending.SenderIdentity</c> from its resolved settings.</summary>
internal sealed class AccountSenderIdentityProvider(IAccountSettingsResolver accounts) : ISenderIdentityProvider
{
    public async ValueTask<SenderIdentity> GetIdentityAsync(AccountId account, CancellationToken cancellationToken = default) =>
        (await accounts.GetAsync(account, cancellationToken).ConfigureAwait(false)).Options.Sending.SenderIdentity;
}
