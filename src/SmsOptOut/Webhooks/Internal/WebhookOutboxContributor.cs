using SmsOptOut.Accounts;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.Consent.Internal;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>Owes one webhook per opt-out of an account that has a callback URL (or whose settings are invalid, so it may have one); none when it has none.</summary>
internal sealed class WebhookOutboxContributor(IWebhookEndpointProvider endpoints, IOptions<SmsOptOutOptions> options, TimeProvider timeProvider)
    : IOutboxContributor
{
    public async ValueTask<IReadOnlyList<OutboxMessage>> CreateAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        var webhooks = options.Value.Webhooks;
        if (consentEvent.Kind == ConsentKind.OptIn && !(webhooks.IncludeOptIns && webhooks.Format == WebhookPayloadFormat.StandardEnvelope))
        {
            return [];
        }

        try
        {
            if (await endpoints.GetEndpointAsync(consentEvent.Account, consentEvent.List, cancellationToken).ConfigureAwait(false) is null)
            {
                return [];
            }
        }
        catch (AccountSettingsException)
        {
            // An account whose settings are invalid still has its opt-out recorded, and its webhook owed: the dispatcher
            // resolves the callback URL at delivery and retries until the settings are fixed.
        }

        var now = timeProvider.GetUtcNow();
        return
        [
            new OutboxMessage
            {
                Id = "msg_" + Guid.CreateVersion7(now).ToString("N"),
                Account = consentEvent.Account,
                List = consentEvent.List,
                EventId = consentEvent.EventId,
                Payload = WebhookPayloadWriter.Write(consentEvent, webhooks),
                CreatedAt = now,
                NextAttemptAt = now,
            },
        ];
    }
}
