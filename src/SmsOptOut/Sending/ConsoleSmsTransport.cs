using System.Globalization;
using SmsOptOut.Messages;

namespace SmsOptOut.Sending;

/// <summary>
/// A transport for samples and development: writes each message to a text writer (the console by default) with the
/// recipient masked and its segment count, and reports it sent. Sends nothing anywhere.
/// </summary>
/// <param name="output">Where to write; <see cref="Console.Out"/> when <see langword="null"/>.</param>
public sealed class ConsoleSmsTransport(TextWriter? output = null) : ISmsTransport
{
    private readonly Lock _gate = new();
    private int _sent;

    /// <summary>How many messages were "sent".</summary>
    public int SentCount => Volatile.Read(ref _sent);

    /// <inheritdoc />
    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = Interlocked.Increment(ref _sent);
        var segments = SmsSegmentCalculator.Calculate(message.Body);
        lock (_gate)
        {
            (output ?? Console.Out).WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[sms {id}] to {message.To.ToMaskedString()} ({segments.Encoding}, {segments.Segments} segment{(segments.Segments == 1 ? "" : "s")}): {message.Body}"));
        }

        return Task.FromResult(SmsSendResult.Sent("console-" + id.ToString(CultureInfo.InvariantCulture)) with { ProviderName = "console" });
    }
}
