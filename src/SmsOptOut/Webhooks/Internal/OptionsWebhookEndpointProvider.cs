using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>
/// The default endpoint provider for single-account hosts: <c>SmsOptOutOptions.Webhooks.CallbackUrl</c> (or a per-list
/// override) with its secrets, for every account. An endpoint that answered 410 stays disabled until the process restarts.
/// </summary>
internal sealed class OptionsWebhookEndpointProvider(IOptions<SmsOptOutOptions> options) : IWebhookEndpointProvider
{
    private readonly ConcurrentDictionary<Uri, bool> _disabled = new();

    public ValueTask<WebhookEndpoint?> GetEndpointAsync(AccountId account, ListId? list, CancellationToken cancellationToken = default)
    {
        var webhooks = options.Value.Webhooks;
        var url = list is { } l && webhooks.ListCallbackUrls.TryGetValue(l.Value, out var listUrl) ? listUrl : webhooks.CallbackUrl;
        return ValueTask.FromResult(url is null || _disabled.ContainsKey(url) ? null : new WebhookEndpoint(url, [.. webhooks.Secrets]));
    }

    public ValueTask DisableEndpointAsync(AccountId account, ListId? list, Uri url, CancellationToken cancellationToken = default)
    {
        _disabled[url] = true;
        return ValueTask.CompletedTask;
    }
}
