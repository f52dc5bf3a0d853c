using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// What the tamper-evident consent log costs on the write path (issue 36: at most 1.3× the write without it): the same
/// opt-outs applied 1,000 per batch and one per transaction to two stores of the same kind in the same run, one keeping
/// the log (each event's leaf computed and its row written in the same transaction) and one with the log left out
/// (the stores' benchmark-only <c>WritesConsentLog</c> switch). Per opt-out. Redis has no such switch: its event
/// records are stored by log index, so the log is not a separable write there (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ConsentLogWriteBenchmarks
{
    private const int Batched = 20_000;
    private const int Single = 1_000;
    private readonly List<Action> _cleanups = [];
    private ISuppressionStore _withLog = null!;
    private ISuppressionStore _withoutLog = null!;
    private long _next;

    [Params("SQLite", "PostgreSQL")]
    public string Store { get; set; } = "SQLite";

    [GlobalSetup]
    public void Setup()
    {
        _withLog = Open(consentLog: true);
        _withoutLog = Open(consentLog: false);

        // The switch must do what the comparison assumes: the same events, the log's leaves written by one store only.
        ApplySinglesAsync(_withLog).GetAwaiter().GetResult();
        ApplySinglesAsync(_withoutLog).GetAwaiter().GetResult();
        var logged = ((SmsOptOut.Evidence.IConsentLogStore)_withLog).GetLogSizeAsync(SqliteBench.Account).GetAwaiter().GetResult();
        var unlogged = ((SmsOptOut.Evidence.IConsentLogStore)_withoutLog).GetLogSizeAsync(SqliteBench.Account).GetAwaiter().GetResult();
        if ((logged, unlogged) != (Single, 0))
        {
            throw new InvalidOperationException($"The {Store} stores' logs hold {logged} and {unlogged} leaves after {Single} opt-outs each; {Single} and 0 were expected.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var cleanup in _cleanups)
        {
            cleanup();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batched, Description = "ApplyBatchAsync 1,000 per call, without the log")]
    public Task BatchedWithoutLog() => ApplyBatchesAsync(_withoutLog);

    [Benchmark(OperationsPerInvoke = Batched, Description = "ApplyBatchAsync 1,000 per call, with the log")]
    public Task BatchedWithLog() => ApplyBatchesAsync(_withLog);

    [Benchmark(OperationsPerInvoke = Single, Description = "ApplyAsync one per transaction, without the log")]
    public Task SingleWithoutLog() => ApplySinglesAsync(_withoutLog);

    [Benchmark(OperationsPerInvoke = Single, Description = "ApplyAsync one per transaction, with the log")]
    public Task SingleWithLog() => ApplySinglesAsync(_withLog);

    private async Task ApplyBatchesAsync(ISuppressionStore store)
    {
        for (var i = 0; i < Batched; i += 1_000)
        {
            await store.ApplyBatchAsync([.. Enumerable.Range(0, 1_000).Select(_ => new ConsentWrite(SqliteBench.OptOut(Interlocked.Increment(ref _next)), []))]);
        }
    }

    private async Task ApplySinglesAsync(ISuppressionStore store)
    {
        for (var i = 0; i < Single; i++)
        {
            await store.ApplyAsync(SqliteBench.OptOut(Interlocked.Increment(ref _next)), []);
        }
    }

    private ISuppressionStore Open(bool consentLog)
    {
        ServiceProvider services;
        if (Store == "SQLite")
        {
            var file = SqliteBench.NewFile();
            services = SqliteBench.Services(file, consentLog: consentLog);
            _cleanups.Add(() =>
            {
                services.Dispose();
                SqliteBench.Delete(file);
            });
        }
        else
        {
            services = ServerStoreBench.PostgreSql(ServerStoreBench.NewIsolationKey(), consentLog: consentLog);
            _cleanups.Add(() => services.DisposeAsync().AsTask().GetAwaiter().GetResult());
        }

        var store = services.GetRequiredService<ISuppressionStore>();
        store.IsSuppressedAsync(SqliteBench.Account, SqliteBench.OptOut(0).Number).GetAwaiter().GetResult();
        return store;
    }
}
