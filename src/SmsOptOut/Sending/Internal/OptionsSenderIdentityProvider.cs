using Microsoft.Extensions.Options;
using SmsOptOut.Consent;

namespace SmsOptOut.Sending.Internal;

/// <summary>The default: <c>SmsOptOutOptions.Sending.SenderIdentity</c> for every account.</summary>
internal sealed class OptionsSenderIdentityProvider(IOptions<SmsOptOutOptions> options) : ISenderIdentityProvider
{
    public ValueTask<SenderIdentity> GetIdentityAsync(AccountId account, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(options.Value.Sending.SenderIdentity);
}
