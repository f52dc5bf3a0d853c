using System.Collections.Concurrent;
using SmsOptOut.Consent;

namespace SmsOptOut.Tests.Fakes;

/// <summary>Records the events it is told about; optionally throws to prove failures are contained.</summary>
public sealed class RecordingObserver(bool fail = false) : IConsentEventObserver
{
    public ConcurrentQueue<ConsentEvent> Events { get; } = new();

    public ValueTask OnConsentRecordedAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(consentEvent);
        return fail ? throw new InvalidOperationException("observer failure") : ValueTask.CompletedTask;
    }
}
