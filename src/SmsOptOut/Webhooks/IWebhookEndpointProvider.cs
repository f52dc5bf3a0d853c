using SmsOptOut.Consent;

namespace SmsOptOut.Webhooks;

/// <summary>
/// Supplies each account's callback URL and signing secrets (a CRM keeps them in its own database). The default
/// reads <c>SmsOptOutOptions.Webhooks</c> for single-account hosts.
/// </summary>
public interface IWebhookEndpointProvider
{
    /// <summary>The endpoint for opt-outs of <paramref name="account"/> from <paramref name="list"/> (a per-list override when the host has one).</summary>
    /// <param name="account">The account.</param>
    /// <param name="list">The list of the opt-out, if any.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The endpoint, or <see langword="null"/> when none is configured: then no webhook is owed.</returns>
    ValueTask<WebhookEndpoint?> GetEndpointAsync(AccountId account, ListId? list, CancellationToken cancellationToken = default);

    /// <summary>Called when an endpoint answered 410 Gone: stop using it (the host decides how, for example by flagging it for the account owner).</summary>
    /// <param name="account">The account.</param>
    /// <param name="list">The list, if the endpoint was a per-list override.</param>
    /// <param name="url">The endpoint's URL.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the endpoint is disabled.</returns>
    ValueTask DisableEndpointAsync(AccountId account, ListId? list, Uri url, CancellationToken cancellationToken = default);
}
