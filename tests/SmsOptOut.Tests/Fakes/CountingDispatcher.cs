using SmsOptOut.Consent;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Tests.Fakes;

/// <summary>A host's decorator around the registered webhook dispatcher: counts the calls and passes them on.</summary>
public sealed class CountingDispatcher(IOptOutWebhookDispatcher inner) : IOptOutWebhookDispatcher
{
    private int _dispatchCalls;

    public int DispatchCalls => Volatile.Read(ref _dispatchCalls);

    public Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _dispatchCalls);
        return inner.DispatchDueAsync(cancellationToken);
    }

    public Task<int> DeliverPendingNowAsync(AccountId? account = null, CancellationToken cancellationToken = default) =>
        inner.DeliverPendingNowAsync(account, cancellationToken);

    public Task<WebhookTestResult> SendTestAsync(AccountId account, ListId? list = null, CancellationToken cancellationToken = default) =>
        inner.SendTestAsync(account, list, cancellationToken);

    public Task<WebhookEndpointCheck> ValidateEndpointAsync(Uri url, CancellationToken cancellationToken = default) =>
        inner.ValidateEndpointAsync(url, cancellationToken);

    public IAsyncEnumerable<OutboxMessage> GetDeadLettersAsync(AccountId account, CancellationToken cancellationToken = default) =>
        inner.GetDeadLettersAsync(account, cancellationToken);

    public Task<int> ReplayDeadLettersAsync(AccountId account, IReadOnlyCollection<string>? messageIds = null, CancellationToken cancellationToken = default) =>
        inner.ReplayDeadLettersAsync(account, messageIds, cancellationToken);
}
