using SmsOptOut.Sending;

namespace SmsOptOut.Benchmarks;

/// <summary>A transport that accepts every message at once, so a benchmark measures SmsOptOut, not a provider.</summary>
internal sealed class NoOpTransport : ISmsTransport
{
    private static readonly Task<SmsSendResult> Accepted = Task.FromResult(SmsSendResult.Sent("noop"));

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) => Accepted;
}
