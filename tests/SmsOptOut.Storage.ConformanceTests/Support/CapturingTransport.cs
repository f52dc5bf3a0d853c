using System.Collections.Concurrent;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>The SMS provider, the edge the suite does not own: keeps every message it is given and accepts it.</summary>
public sealed class CapturingTransport : ISmsTransport
{
    private int _next;

    /// <summary>Every message sent, in order.</summary>
    public ConcurrentQueue<SmsMessage> Sent { get; } = new();

    /// <summary>How long each send takes (real time): a slow provider widens the window in which callers overlap.</summary>
    public TimeSpan Delay { get; init; }

    /// <inheritdoc />
    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
        }

        return SmsSendResult.Sent("SM" + Interlocked.Increment(ref _next));
    }
}
