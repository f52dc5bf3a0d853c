using System.Collections.Concurrent;
using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.InMemory;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Retained memory per suppressed number in the in-memory store, measured with a full GC before and after filling it
/// with 1M opt-outs: the suppression index alone, and the whole store including the consent log.
/// </summary>
internal static class MemoryFootprint
{
    private const int Count = 1_000_000;
    private static readonly AccountId Account = new("bench");

    public static void Run()
    {
        var at = DateTimeOffset.UnixEpoch;
        var shared = NewEvent(0, at);

        var before = Retained();
        var index = new ConcurrentDictionary<ulong, ConsentEvent>();
        for (var i = 0; i < Count; i++)
        {
            index.TryAdd(12_120_000_000UL + (ulong)i, shared);
        }

        var indexBytes = Retained() - before;
        GC.KeepAlive(index);
        index = null;

        before = Retained();
        var store = new InMemorySuppressionStore(new InMemoryWebhookOutbox(), new SmsOptOut.Privacy.NumberPseudonyms(Microsoft.Extensions.Options.Options.Create(new SmsOptOutOptions())));
        for (var i = 0; i < Count; i++)
        {
            store.ApplyAsync(NewEvent(i, at), []).GetAwaiter().GetResult();
        }

        var storeBytes = Retained() - before;
        GC.KeepAlive(store);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"suppression index: {indexBytes / (double)Count:F1} bytes per suppressed number ({Count:N0} numbers)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"whole store incl. consent log: {storeBytes / (double)Count:F1} bytes per suppressed number"));
    }

    private static ConsentEvent NewEvent(int i, DateTimeOffset at) => new()
    {
        EventId = "evt_" + Guid.CreateVersion7(at.AddTicks(i)).ToString("N"),
        Account = Account,
        Number = PhoneNumber.FromValue(12_120_000_000UL + (ulong)i),
        Kind = ConsentKind.OptOut,
        Source = OptOutSource.Import,
        OccurredAt = at,
        RecordedAt = at,
    };

    private static long Retained()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
