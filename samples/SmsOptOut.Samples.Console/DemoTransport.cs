using System.Collections.Concurrent;
using SmsOptOut.Sending;

namespace SmsOptOut.Samples.Console;

/// <summary>The demo's SMS transport: nothing leaves the machine; every message is kept to be shown.</summary>
internal sealed class DemoTransport : ISmsTransport
{
    private int _next;

    public ConcurrentQueue<SmsMessage> Sent { get; } = new();

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        return Task.FromResult(SmsSendResult.Sent($"demo-{Interlocked.Increment(ref _next):D4}"));
    }

    public List<SmsMessage> Drain()
    {
        var messages = new List<SmsMessage>();
        while (Sent.TryDequeue(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }
}
