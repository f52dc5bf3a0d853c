using Microsoft.Extensions.Logging;
using SmsOptOut.Consent;
using SmsOptOut.Consent.Internal;
using SmsOptOut.Internal;

namespace SmsOptOut.OptIn.Internal;

/// <summary>
/// Keeps opt-in records in step with the consent log: an account-wide opt-out revokes the number's consent (a pending
/// request too, so a later YES confirms nothing); an account-wide opt-in (START, the API) records a single opt-in. The
/// opt-outs of a batch (an import) revoke in one call per account.
/// </summary>
internal sealed class OptInConsentObserver(ILogger<OptInConsentObserver> logger, IOptInStore? store = null) : IConsentBatchObserver
{
    public async ValueTask OnConsentRecordedManyAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return;
        }

        foreach (var consentEvent in events.Where(e => e.Scope != SuppressionScope.Account || e.Kind != ConsentKind.OptOut))
        {
            await OnConsentRecordedAsync(consentEvent, cancellationToken).ConfigureAwait(false);
        }

        foreach (var account in events.Where(e => e is { Scope: SuppressionScope.Account, Kind: ConsentKind.OptOut }).GroupBy(e => e.Account))
        {
            var revoked = await store.RevokeManyAsync(account.Key, account.Select(e => e.Number).ToArray(), cancellationToken).ConfigureAwait(false);
            if (revoked > 0)
            {
                Log.OptInsRevoked(logger, revoked, account.Key.Value);
            }
        }
    }

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
