using BenchmarkDotNet.Attributes;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.InMemory;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Bulk filter of 1M numbers against 1M suppressed numbers (half of the probed numbers are suppressed) in the
/// in-memory store, in batches, against a plain <see cref="HashSet{T}"/> of <see cref="ulong"/> probed with the same
/// numbers in the same run. Results are per number. With <see cref="Erased"/> = 10,000 the first 10,000 suppressed
/// numbers are erased (suppressed under pseudonyms), so misses are checked against those.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class BulkFilterBenchmarks
{
    private const int Suppressed = 1_000_000;
    private const int Probed = 1_000_000;
    private const int Batch = 4_096;
    private static readonly AccountId Account = new("bench");

    private readonly HashSet<ulong> _baseline = [];
    private readonly bool[] _flags = new bool[Batch];
    private PhoneNumber[] _probe = [];
    private InMemorySuppressionStore _store = null!;

    /// <summary>How many of the suppressed numbers are erased, so their suppression is checked under a pseudonym.</summary>
    [Params(0, 10_000)]
    public int Erased { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new SmsOptOutOptions();
        options.DataProtection.PseudonymKeys.Add(ServerStoreBench.PseudonymKey);
        var pseudonyms = new SmsOptOut.Privacy.NumberPseudonyms(Microsoft.Extensions.Options.Options.Create(options));
        _store = new InMemorySuppressionStore(new InMemoryWebhookOutbox(), pseudonyms);
        // The erased numbers are opted out and erased first, while the log is short: the in-memory store's erasure scans
        // the account's log, which is fine for what it is for (tests, demos) but slow to repeat 10,000 times over 1M events.
        var at = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < Erased; i++)
        {
            var number = OptOut(i, at);
            _store.Erase(number, pseudonyms.Create(number), new SmsOptOut.Privacy.ErasureRecord(Account, "bench", "benchmark", at), _ => (0, 0, 0));
        }

        for (var i = Erased; i < Suppressed; i++)
        {
            OptOut(i, at);
        }

        var random = new Random(3);
        _probe = new PhoneNumber[Probed];
        for (var i = 0; i < Probed; i++)
        {
            _probe[i] = PhoneNumber.FromValue(12_120_000_000UL + (ulong)random.Next(0, Suppressed * 2));
        }
    }

    private PhoneNumber OptOut(int i, DateTimeOffset at)
    {
        var number = PhoneNumber.FromValue(12_120_000_000UL + ((ulong)i * 2));
        _store.ApplyAsync(
            new ConsentEvent
            {
                EventId = "e" + i, Account = Account, Number = number, Kind = ConsentKind.OptOut, Source = OptOutSource.Import, OccurredAt = at, RecordedAt = at,
            },
            []).GetAwaiter().GetResult();
        _baseline.Add(number.Value);
        return number;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Probed, Description = "HashSet<ulong>.Contains")]
    public int HashSetProbe()
    {
        var count = 0;
        foreach (var n in _probe)
        {
            count += _baseline.Contains(n.Value) ? 1 : 0;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Probed, Description = "InMemorySuppressionStore.FilterAsync (4096/batch)")]
    public async Task<int> StoreFilter()
    {
        var count = 0;
        for (var i = 0; i < _probe.Length; i += Batch)
        {
            var batch = _probe.AsMemory(i, Math.Min(Batch, _probe.Length - i));
            count += await _store.FilterAsync(Account, null, batch, _flags);
        }

        return count;
    }
}
