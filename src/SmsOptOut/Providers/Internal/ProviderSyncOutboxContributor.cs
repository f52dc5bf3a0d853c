using Microsoft.Extensions.Logging;
using SmsOptOut.Consent;
using SmsOptOut.Consent.Internal;
using SmsOptOut.Internal;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Providers.Internal;

/// <summary>
/// Owes the account's provider every account-wide consent change it did not report itself, written to the outbox in
/// the same transaction as the event, so it is pushed even after a crash. A change the provider reported (its STOP, its
/// callback, its error) is never echoed back to it.
/// </summary>
internal sealed class ProviderSyncOutboxContributor(IEnumerable<ISmsProvider> providers, ISmsProviderSelector selector, TimeProvider time,
    ILogger<ProviderSyncOutboxContributor> logger) : IOutboxContributor
{
    private readonly ISmsProvider[] _syncing = [.. providers.Where(p => p.ConsentSync is not null)];

    public async ValueTask<IReadOnlyList<OutboxMessage>> CreateAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        if (_syncing.Length == 0 || consentEvent.Scope != SuppressionScope.Account)
        {
            return [];
        }

        string name;
        try
        {
            name = await selector.SelectAsync(consentEvent.Account, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // A misconfigured selector must not block the opt-out itself; the send path reports the same error.
            Log.ProviderSyncSkipped(logger, e, consentEvent.EventId);
            return [];
        }

        if (!_syncing.Any(p => p.Name == name) || string.Equals(consentEvent.Evidence.ProviderName, name, StringComparison.Ordinal))
        {
            return [];
        }

        var now = time.GetUtcNow();
        return
        [
            new OutboxMessage
            {
                Id = "sync_" + Guid.CreateVersion7(now).ToString("N"),
                Target = ProviderSyncPayload.Target(name),
                Account = consentEvent.Account,
                EventId = consentEvent.EventId,
                Payload = ProviderSyncPayload.Write(consentEvent),
                CreatedAt = now,
                NextAttemptAt = now,
            },
        ];
    }
}
