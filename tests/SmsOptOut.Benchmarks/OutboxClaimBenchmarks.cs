using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Outbox rows claimed and recorded as delivered per second on PostgreSQL (<c>FOR UPDATE SKIP LOCKED</c>) and Redis
/// (sorted set + lease script), by one dispatcher (baseline) and by four at once on the same rows — what several app
/// instances do; the HTTP is left out. 4,000 due rows per operation, seeded before each iteration. Per row.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class OutboxClaimBenchmarks
{
    private const int Rows = 4_000;
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private IWebhookOutboxStore _outbox = null!;
    private long _next;

    /// <summary>The store under test.</summary>
    [Params("PostgreSql", "Redis")]
    public string Store { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var key = ServerStoreBench.NewIsolationKey();
        _services = Store == "Redis" ? ServerStoreBench.Redis(key) : ServerStoreBench.PostgreSql(key);
        _store = _services.GetRequiredService<ISuppressionStore>();
        _outbox = _services.GetRequiredService<IWebhookOutboxStore>();
    }

    [IterationSetup]
    public void Seed()
    {
        ServerStoreBench.SeedOutbox(_store, _next, Rows);
        _next += Rows;
    }

    [GlobalCleanup]
    public void Cleanup() => _services.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "1 dispatcher")]
    public async Task<int> One()
    {
        var delivered = await ServerStoreBench.DrainAsync(_outbox, ServerStoreBench.Owner(0));
        return delivered == Rows ? delivered : throw new InvalidOperationException($"{delivered} of {Rows} rows delivered.");
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "4 dispatchers at once")]
    public async Task<int> Four()
    {
        var delivered = (await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => ServerStoreBench.DrainAsync(_outbox, ServerStoreBench.Owner(i)))))).Sum();
        return delivered == Rows ? delivered : throw new InvalidOperationException($"{delivered} of {Rows} rows delivered (a row claimed twice or lost).");
    }
}
