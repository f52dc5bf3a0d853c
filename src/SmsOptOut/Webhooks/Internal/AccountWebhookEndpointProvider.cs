using System.Collections.Concurrent;
using SmsOptOut.Accounts;
using SmsOptOut.Consent;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>
/// The default endpoint provider: each account's <c>Webhooks.CallbackUrl</c> (or a per-list override) with its secrets,
/// from its resolved settings. An endpoint that answered 410 stays disabled until the process restarts.
/// </summary>
internal sealed class AccountWebhookEndpointProvider(IAccountSettingsResolver accounts) : IWebhookEndpointProvider
{
    private readonly ConcurrentDictionary<Uri, bool> _disabled = new();

    public async ValueTask<WebhookEndpoint?> GetEndpointAsync(AccountId account, ListId? list, CancellationToken cancellationToken = default)
    {
        var webhooks = (await accounts.GetAsync(account, cancellationToken).ConfigureAwait(false)).Options.Webhooks;
        var url = list is { } l && webhooks.ListCallbackUrls.TryGetValue(l.Value, out var listUrl) ? listUrl : webhooks.CallbackUrl;
        return url is null || _disabled.ContainsKey(url) ? null : new WebhookEndpoint(url, [.. webhooks.Secrets]);
    }

    public ValueTask DisableEndpointAsync(AccountId account, ListId? list, Uri url, CancellationToken cancellationToken = default)
    {
        _disabled[url] = true;
        return ValueTask.CompletedTask;
    }
}
