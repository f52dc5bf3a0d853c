namespace SmsOptOut.Sending.Internal;

/// <summary>Spaces messages evenly to at most a given rate, on the <see cref="TimeProvider"/> clock.</summary>
internal sealed class SendPacer(double messagesPerSecond, TimeProvider timeProvider)
{
    private readonly long _interval = (long)(TimeSpan.TicksPerSecond / messagesPerSecond);
    private readonly Lock _gate = new();
    private long _next;

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        long wait;
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow().UtcTicks;
            var slot = Math.Max(now, _next);
            _next = slot + _interval;
            wait = slot - now;
        }

        return wait <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromTicks(wait), timeProvider, cancellationToken);
    }
}
