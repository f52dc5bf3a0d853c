using SmsOptOut.Consent;

namespace SmsOptOut.Webhooks;

/// <summary>
/// Delivers the opt-out webhooks owed in the outbox to each account's callback URL: signed (Standard Webhooks),
/// retried with backoff until delivered or dead-lettered, never lost. Every opt-out recorded through
/// <c>IOptOutService</c> owes one when the account has a callback URL. A background service calls
/// <see cref="DispatchDueAsync"/>; hosts use the rest for "check my endpoint" buttons and dead-letter screens.
/// </summary>
public interface IOptOutWebhookDispatcher
{
    /// <summary>Claims the messages that are due, delivers them and records the results.</summary>
    /// <param name="cancellationToken">Cancels the operation; claimed messages are released when their lease expires.</param>
    /// <returns>How many messages were attempted.</returns>
    Task<int> DispatchDueAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers now whatever is owed, without waiting for retry times: pending messages of <paramref name="account"/> (or of
    /// every account) that wait for a later retry are made due, then due messages are dispatched until none is left.
    /// For "retry now" after a receiver was fixed, and for developers testing a receiver (with
    /// <see cref="WebhookOptions.UseTestSchedule"/>). A message that fails again gets its next retry time as usual.
    /// </summary>
    /// <param name="account">The account, or <see langword="null"/> for every account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many delivery attempts were made.</returns>
    Task<int> DeliverPendingNowAsync(AccountId? account = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a signed test event to the account's endpoint now and reports what it answered.</summary>
    /// <param name="account">The account.</param>
    /// <param name="list">The list whose override to test, if any.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The receiver's status and latency.</returns>
    Task<WebhookTestResult> SendTestAsync(AccountId account, ListId? list = null, CancellationToken cancellationToken = default);

    /// <summary>Checks a callback URL against the SSRF rules, resolving its host: call it when a user saves a URL.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the URL may receive webhooks, and why not.</returns>
    Task<WebhookEndpointCheck> ValidateEndpointAsync(Uri url, CancellationToken cancellationToken = default);

    /// <summary>The dead-lettered messages of an account.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The messages, oldest first.</returns>
    IAsyncEnumerable<OutboxMessage> GetDeadLettersAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>Sends dead-lettered messages again, from the first attempt.</summary>
    /// <param name="account">The account.</param>
    /// <param name="messageIds">The messages, or <see langword="null"/> for all of the account's dead letters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many messages were requeued.</returns>
    Task<int> ReplayDeadLettersAsync(AccountId account, IReadOnlyCollection<string>? messageIds = null, CancellationToken cancellationToken = default);
}
