using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Storage.InMemory;
using SmsOptOut.Storage.Sqlite;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Bulk filter of 1M numbers against 1M suppressed numbers (half of the probed numbers are suppressed), 4,096 per call,
/// per store — in-memory, and SQLite, PostgreSQL and Redis each with the suppression snapshot off (every batch probes
/// the store) and on (each batch reads the account's change counter in one round trip and probes memory) — against a
/// plain <see cref="HashSet{T}"/> of <see cref="ulong"/> probed with the same numbers in the same run. Results are per
/// number. With <see cref="Erased"/> = 10,000 the first 10,000 suppressed numbers are erased (suppressed under
/// pseudonyms), so misses are checked against those. A case with the snapshot waits in its set-up until the snapshot
/// answers, and prints how long the load took, the memory it holds and how the batches were answered
/// (<c>// snapshot</c> lines).
/// </summary>
[Config(typeof(InProcessMonitoringConfig))]
public class BulkFilterBenchmarks
{
    private const int Suppressed = ServerStoreBench.Suppressed;
    private const int Probed = ServerStoreBench.Probed;
    private const int Batch = ServerStoreBench.ProbeBatch;
    private static readonly AccountId Account = SqliteBench.Account;

    /// <summary>Storage seeded once per process and erasure count, shared by the cases with and without the snapshot.</summary>
    private static readonly Dictionary<string, string> Seeded = new(StringComparer.Ordinal);

    private readonly HashSet<ulong> _baseline = [];
    private readonly bool[] _flags = new bool[Batch];
    private PhoneNumber[] _probe = [];
    private ISuppressionStore _store = null!;
    private ServiceProvider? _services;
    private MeterListener? _listener;
    private long _memoryBatches;
    private long _storeBatches;

    /// <summary>The stores, each server store with the snapshot off and on.</summary>
    public static IEnumerable<string> Cases => ["in-memory", "SQLite", "SQLite snapshot", "PostgreSQL", "PostgreSQL snapshot", "Redis", "Redis snapshot"];

    /// <summary>The store, and whether its suppression snapshot is on.</summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "in-memory";

    /// <summary>How many of the suppressed numbers are erased, so their suppression is checked under a pseudonym.</summary>
    [Params(0, 10_000)]
    public int Erased { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Suppressed; i++)
        {
            _baseline.Add(SqliteBench.OptOut(i * 2L).Number.Value);
        }

        _probe = ServerStoreBench.Probes();
        var snapshot = Case.EndsWith(" snapshot", StringComparison.Ordinal);
        _store = Case.Split(' ')[0] switch
        {
            "in-memory" => InMemory(),
            "SQLite" => Server("SQLite", key => SqliteBench.Services(key, SqliteSynchronous.Normal, snapshot), SqliteBench.NewFile),
            "PostgreSQL" => Server("PostgreSQL", key => ServerStoreBench.PostgreSql(key, snapshot), ServerStoreBench.NewIsolationKey),
            _ => Server("Redis", key => ServerStoreBench.Redis(key, snapshot), ServerStoreBench.NewIsolationKey),
        };

        if (snapshot)
        {
            Listen();
            WarmSnapshot();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_listener is not null)
        {
            Console.WriteLine($"// snapshot {Case}, {Erased} erased: batches from memory {Interlocked.Read(ref _memoryBatches)}, probed in the store {Interlocked.Read(ref _storeBatches)}");
            _listener.Dispose();
        }

        _services?.DisposeAsync().AsTask().GetAwaiter().GetResult();
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

    [Benchmark(OperationsPerInvoke = Probed, Description = "FilterAsync (4096/batch)")]
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

    private InMemorySuppressionStore InMemory()
    {
        var options = new SmsOptOutOptions();
        options.DataProtection.PseudonymKeys.Add(ServerStoreBench.PseudonymKey);
        var pseudonyms = new SmsOptOut.Privacy.NumberPseudonyms(Microsoft.Extensions.Options.Options.Create(options));
        var store = new InMemorySuppressionStore(new InMemoryWebhookOutbox(), pseudonyms);

        // The erased numbers are opted out and erased first, while the log is short: the in-memory store's erasure scans
        // the account's log, which is fine for what it is for (tests, demos) but slow to repeat 10,000 times over 1M events.
        for (var i = 0; i < Erased; i++)
        {
            var optOut = SqliteBench.OptOut(i * 2L);
            store.ApplyAsync(optOut, []).GetAwaiter().GetResult();
            store.Erase(optOut.Number, pseudonyms.Create(optOut.Number), new SmsOptOut.Privacy.ErasureRecord(Account, "bench", "benchmark", optOut.OccurredAt), _ => (0, 0, 0));
        }

        for (var i = Erased; i < Suppressed; i++)
        {
            store.ApplyAsync(SqliteBench.OptOut(i * 2L), []).GetAwaiter().GetResult();
        }

        return store;
    }

    /// <summary>A server store over storage seeded once per process for this erasure count (1M opt-outs, the first <see cref="Erased"/> erased).</summary>
    private ISuppressionStore Server(string kind, Func<string, ServiceProvider> open, Func<string> newKey)
    {
        var seed = kind + "/" + Erased;
        if (!Seeded.TryGetValue(seed, out var key))
        {
            key = newKey();
            var seeding = open(key);
            ServerStoreBench.SeedSuppressions(seeding.GetRequiredService<ISuppressionStore>());
            ServerStoreBench.Erase(seeding, Erased);
            seeding.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Seeded[seed] = key;
        }

        _services = open(key);
        return _services.GetRequiredService<ISuppressionStore>();
    }

    private void Listen()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "smsoptout.suppression_snapshot.batches" && instrument.Meter.Scope == _services!.GetRequiredService<IMeterFactory>())
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "smsoptout.source")
                {
                    Interlocked.Add(ref Equals(tag.Value, "memory") ? ref _memoryBatches : ref _storeBatches, value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Filters until a batch is answered from memory; prints the load's time and the memory it took.</summary>
    private void WarmSnapshot()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        while (Interlocked.Read(ref _memoryBatches) == 0)
        {
            _store.FilterAsync(Account, null, _probe.AsMemory(0, Batch), _flags).GetAwaiter().GetResult();
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InvalidOperationException($"The snapshot of {Case} did not load within 5 minutes.");
            }

            Thread.Sleep(5);
        }

        var loaded = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// snapshot {Case}, {Erased} erased: loaded in {loaded.TotalMilliseconds:F0} ms; retained {(after - before) / (double)Suppressed:F1} bytes per suppressed number");
        Interlocked.Exchange(ref _memoryBatches, 0);
        Interlocked.Exchange(ref _storeBatches, 0);
    }
}
