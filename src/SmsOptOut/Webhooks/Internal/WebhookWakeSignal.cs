using SmsOptOut.Consent;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>Wakes the dispatcher as soon as an applied opt-out owes a webhook, instead of waiting for the next poll.</summary>
internal sealed class WebhookWakeSignal : IConsentEventObserver
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask OnConsentRecordedAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        Wake();
        return ValueTask.CompletedTask;
    }

    public void Wake() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next <see cref="Wake"/>, after <paramref name="timeout"/>, or when cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, timeProvider, cts.Token);
        await Task.WhenAny(Volatile.Read(ref _next).Task, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
