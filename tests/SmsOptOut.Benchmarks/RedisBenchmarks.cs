using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using StackExchange.Redis;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Bulk filter of 1M numbers against 1M suppressed in Redis (half of the probes hit), 4,096 per call, against raw
/// <c>SMISMEMBER</c> with StackExchange.Redis in the same run on a plain set of the same numbers, as a hand-written
/// store would keep them (the store itself keeps them in <c>supz</c> since key layout 5): one batch at a time (what a
/// caller that needs each batch's answer before sending can do) and every batch pipelined at once. Per number.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RedisBulkFilterBenchmarks
{
    private readonly string _prefix = ServerStoreBench.NewIsolationKey();
    private readonly bool[] _flags = new bool[ServerStoreBench.ProbeBatch];
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private ConnectionMultiplexer _raw = null!;
    private RedisKey _key;
    private PhoneNumber[] _probe = [];

    /// <summary>How many of the suppressed numbers are erased, so their suppression is checked under a pseudonym.</summary>
    [Params(0, 10_000)]
    public int Erased { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = ServerStoreBench.Redis(_prefix);
        _store = _services.GetRequiredService<ISuppressionStore>();
        ServerStoreBench.SeedSuppressions(_store);
        ServerStoreBench.Erase(_services, Erased);
        _probe = ServerStoreBench.Probes();
        _raw = ConnectionMultiplexer.Connect(ServerStoreBench.RedisConfiguration);
        // The baseline's own set: the numbers suppressed by number (the erased ones are suppressed under pseudonyms).
        _key = "{" + _prefix + ":raw}:suppressed";
        var database = _raw.GetDatabase();
        foreach (var chunk in Enumerable.Range(Erased, ServerStoreBench.Suppressed - Erased).Chunk(10_000))
        {
            database.SetAdd(_key, [.. chunk.Select(i => (RedisValue)SqliteBench.OptOut(i * 2L).Number.Value)]);
        }

        if (database.SetLength(_key) != ServerStoreBench.Suppressed - Erased)
        {
            throw new InvalidOperationException($"The baseline's key {_key} does not hold the seeded suppressions.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ServerStoreBench.Probed, Description = "hand-written: SMISMEMBER per batch")]
    public async Task<int> RawPerBatch()
    {
        var database = _raw.GetDatabase();
        var count = 0;
        for (var start = 0; start < _probe.Length; start += ServerStoreBench.ProbeBatch)
        {
            foreach (var hit in await database.SetContainsAsync(_key, Members(start)))
            {
                count += hit ? 1 : 0;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = ServerStoreBench.Probed, Description = "hand-written: SMISMEMBER, all batches pipelined")]
    public async Task<int> RawPipelined()
    {
        var database = _raw.GetDatabase();
        var pending = new List<Task<bool[]>>();
        for (var start = 0; start < _probe.Length; start += ServerStoreBench.ProbeBatch)
        {
            pending.Add(database.SetContainsAsync(_key, Members(start)));
        }

        var count = 0;
        foreach (var hits in await Task.WhenAll(pending))
        {
            count += hits.Count(h => h);
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = ServerStoreBench.Probed, Description = "RedisStorage.FilterAsync (pipelined ZMSCORE slices)")]
    public Task<int> Store() => ServerStoreBench.FilterAll(_store, _probe, _flags);

    private RedisValue[] Members(int start)
    {
        var batch = _probe.AsSpan(start, Math.Min(ServerStoreBench.ProbeBatch, _probe.Length - start));
        var members = new RedisValue[batch.Length];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = batch[i].Value;
        }

        return members;
    }
}

/// <summary>
/// Opt-outs written per second to Redis (the test server: AOF with <c>appendfsync everysec</c>): one per call and 1,000
/// per batch, each an event + history + suppression in one script, against a hand-written <c>SADD</c> per opt-out,
/// awaited one by one, in the same run. Per opt-out.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RedisWriteBenchmarks
{
    private const int Single = 5_000;
    private const int Batched = 50_000;
    private readonly string _prefix = ServerStoreBench.NewIsolationKey();
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private ConnectionMultiplexer _raw = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _services = ServerStoreBench.Redis(_prefix);
        _store = _services.GetRequiredService<ISuppressionStore>();
        _raw = ConnectionMultiplexer.Connect(ServerStoreBench.RedisConfiguration);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Single, Description = "hand-written: one SADD per opt-out")]
    public async Task RawSingle()
    {
        var database = _raw.GetDatabase();
        var key = (RedisKey)("{" + _prefix + "}:raw");
        for (var i = 0; i < Single; i++)
        {
            await database.SetAddAsync(key, Interlocked.Increment(ref _next));
        }
    }

    [Benchmark(OperationsPerInvoke = Single, Description = "ApplyAsync, one opt-out per call")]
    public async Task ApplySingle()
    {
        for (var i = 0; i < Single; i++)
        {
            await _store.ApplyAsync(SqliteBench.OptOut(Interlocked.Increment(ref _next)), []);
        }
    }

    [Benchmark(OperationsPerInvoke = Batched, Description = "ApplyBatchAsync, 1,000 opt-outs per call")]
    public async Task ApplyBatched()
    {
        for (var i = 0; i < Batched; i += 1_000)
        {
            await _store.ApplyBatchAsync(Enumerable.Range(0, 1_000).Select(_ => new ConsentWrite(SqliteBench.OptOut(Interlocked.Increment(ref _next)), [])).ToArray());
        }
    }
}

/// <summary>
/// Issuing stored link tokens into Redis (<c>CreateManyAsync</c>, 1,000 per call = one script), against hand-written
/// pipelined <c>SET key value NX PX</c> of the same tokens with a value of the same size, awaited per batch of 1,000,
/// in the same run. Per token.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RedisTokenIssuanceBenchmarks
{
    private readonly string _prefix = ServerStoreBench.NewIsolationKey();
    private ServiceProvider _services = null!;
    private IOptOutLinkGenerator _generator = null!;
    private ConnectionMultiplexer _raw = null!;
    private OptOutLinkTarget[] _targets = [];

    [GlobalSetup]
    public void Setup()
    {
        _services = ServerStoreBench.Redis(_prefix);
        _generator = _services.GetRequiredService<IOptOutLinkGenerator>();
        _targets = ServerStoreBench.TokenTargets();
        _raw = ConnectionMultiplexer.Connect(ServerStoreBench.RedisConfiguration);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ServerStoreBench.Tokens, Description = "hand-written: pipelined SET NX PX, 1,000 per round trip")]
    public async Task<int> RawSet()
    {
        var database = _raw.GetDatabase();
        var root = "{" + _prefix + "}:raw:";
        var added = 0;
        for (var start = 0; start < ServerStoreBench.Tokens; start += ServerStoreBench.TokenBatch)
        {
            var tokens = SmsOptOut.Links.Internal.Base62.Random(ServerStoreBench.TokenBatch, 10);
            var sets = new Task<bool>[tokens.Length];
            for (var i = 0; i < tokens.Length; i++)
            {
                var value = "{\"a\":\"bench\",\"l\":\"newsletter\",\"n\":" + _targets[i].Number.Value + ",\"e\":639000000000000000}";
                sets[i] = database.StringSetAsync(root + tokens[i], value, TimeSpan.FromDays(90), When.NotExists);
            }

            added += (await Task.WhenAll(sets)).Count(ok => ok);
        }

        return added;
    }

    [Benchmark(OperationsPerInvoke = ServerStoreBench.Tokens, Description = "IOptOutLinkGenerator.CreateManyAsync into Redis")]
    public Task<int> Issue() => ServerStoreBench.IssueTokensAsync(_generator, _targets);
}
