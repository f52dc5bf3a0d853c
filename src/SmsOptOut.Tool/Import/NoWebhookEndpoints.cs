using SmsOptOut.Consent;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tool.Import;

/// <summary><c>import --webhooks off</c>: no account has a callback URL for this run, so imported opt-outs owe no webhook.</summary>
internal sealed class NoWebhookEndpoints : IWebhookEndpointProvider
{
    public ValueTask<WebhookEndpoint?> GetEndpointAsync(AccountId account, ListId? list, CancellationToken cancellationToken = default) => ValueTask.FromResult<WebhookEndpoint?>(null);

    public ValueTask DisableEndpointAsync(AccountId account, ListId? list, Uri url, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
