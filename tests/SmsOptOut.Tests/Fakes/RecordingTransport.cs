using System.Collections.Concurrent;
using SmsOptOut.Sending;

namespace SmsOptOut.Tests.Fakes;

/// <summary>
/// A transport at the edge we do not own (the SMS provider): records every message, answers with a configurable
/// result, and can be slowed down to model a provider's latency.
/// </summary>
public sealed class RecordingTransport : ISmsTransport
{
    private int _next;
    private int _inFlight;

    public ConcurrentQueue<SmsMessage> Sent { get; } = new();

    public Func<SmsMessage, SmsSendResult>? Respond { get; set; }

    public TimeSpan Delay { get; set; }

    /// <summary>How many sends have started and not yet returned.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Sent.Enqueue(message);
            return Respond?.Invoke(message) ?? SmsSendResult.Sent($"SM{Interlocked.Increment(ref _next):D6}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
