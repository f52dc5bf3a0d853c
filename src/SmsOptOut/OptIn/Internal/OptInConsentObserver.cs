using Microsoft.Extensions.Logging;
using SmsOptOut.Consent;
using SmsOptOut.Internal;

namespace SmsOptOut.OptIn.Internal;

/// <summary>
/// Keeps opt-in records in step with the consent log: an account-wide opt-out revokes the number's consent (a pending
/// request too, so a later YES confirms nothing); an account-wide opt-in (START, the API) records a single opt-in.
/// </summary>
internal sealed class OptInConsentObserver(ILogger<OptInConsentObserver> logger, IOptInStore? store = null) : IConsentEventObserver
{
    public async ValueTask OnConsentRecordedAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        if (store is null || consentEvent.Scope != SuppressionScope.Account)
        {
            return;
        }

        if (consentEvent.Kind == ConsentKind.OptOut)
        {
            if (await store.RevokeAsync(consentEvent.Account, consentEvent.Number, cancellationToken).ConfigureAwait(false))
            {
                Log.OptInRevoked(logger, consentEvent.Number.ToMaskedString(), consentEvent.Account.Value);
            }
        }
        else
        {
            await store.RecordOptInAsync(consentEvent.Account, consentEvent.Number, new OptInGrant(consentEvent.OccurredAt, consentEvent.Evidence), cancellationToken).ConfigureAwait(false);
        }
    }
}
