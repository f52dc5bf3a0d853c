using System.Collections.Concurrent;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.ConformanceTests.Support;

/// <summary>The SMS provider, the edge the suite does not own: keeps every message it is given and accepts it.</summary>
public sealed class CapturingTransport : ISmsTransport
{
    private int _next;

    /// <summary>Every message sent, in order.</summary>
    public ConcurrentQueue<SmsMessage> Sent { get; } = new();

    /// <inheritdoc />
    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        return Task.FromResult(SmsSendResult.Sent("SM" + Interlocked.Increment(ref _next)));
    }
}
