namespace SmsOptOut.Sending.Internal;

/// <summary>Thread-safe counts of a list send.</summary>
internal sealed class RecipientCounters
{
    private readonly long[] _counts = new long[12];

    private long _held;

    public void Add(RecipientStatus status) => Interlocked.Increment(ref _counts[(int)status]);

    public void AddHeld(int count) => Interlocked.Add(ref _held, count);

    public ListSendResult ToResult(long total, bool cancelled) => new()
    {
        Total = total,
        Sent = Volatile.Read(ref _counts[(int)RecipientStatus.Sent]),
        Suppressed = Volatile.Read(ref _counts[(int)RecipientStatus.Suppressed]),
        Invalid = Volatile.Read(ref _counts[(int)RecipientStatus.Invalid]),
        Duplicates = Volatile.Read(ref _counts[(int)RecipientStatus.Duplicate]),
        Failed = Volatile.Read(ref _counts[(int)RecipientStatus.Failed]) + Volatile.Read(ref _counts[(int)RecipientStatus.FailedUnknown]),
        OptedOutAtProvider = Volatile.Read(ref _counts[(int)RecipientStatus.OptedOutAtProvider]),
        DoNotCallRegistry = Volatile.Read(ref _counts[(int)RecipientStatus.DoNotCallRegistry]),
        Deferred = Volatile.Read(ref _counts[(int)RecipientStatus.Deferred]),
        NoConsent = Volatile.Read(ref _counts[(int)RecipientStatus.NoConsent]),
        FrequencyCapped = Volatile.Read(ref _counts[(int)RecipientStatus.FrequencyCapped]),
        Held = Volatile.Read(ref _held),
        Cancelled = cancelled,
    };
}
