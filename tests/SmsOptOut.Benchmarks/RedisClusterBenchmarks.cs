using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Tests.Infrastructure;
using StackExchange.Redis;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// One Redis node against a three-master Redis Cluster (issue 21), the same data and work in the same run: 1,000,000
/// suppressed numbers over 100 accounts; the bulk filter of eight list sends running at once (each 50,000 numbers of
/// its own account, 4,096 per call), and opt-out writes (batches of 1,000 to random accounts). Per number. After each
/// topology the keys, memory and commands of every master are printed (lines starting with <c>// shard</c>): what the
/// cluster buys is capacity and spread, each master holding and serving about a third. The machine has two cores, so
/// the three masters and the client share them: the per-operation times compare the two topologies' overhead on one
/// box, not a cluster's capacity on three.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RedisClusterBenchmarks
{
    private const int Accounts = 100;
    private const int PerAccount = 10_000;
    private const int Sends = 8;
    private const int ProbesPerSend = 50_000;
    private const int WriteBatches = 10;
    private const int WriteBatch = 1_000;
    private readonly string _prefix = ServerStoreBench.NewIsolationKey();
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private ConnectionMultiplexer _admin = null!;
    private PhoneNumber[][] _probes = [];
    private Dictionary<string, long> _commandsBefore = [];
    private long _next;

    [Params("one node", "three-master cluster")]
    public string Topology { get; set; } = "one node";

    [GlobalSetup]
    public void Seed()
    {
        var configuration = Topology == "one node"
            ? RedisServer.GetAsync().GetAwaiter().GetResult().Configuration
            : RedisCluster.GetAsync().GetAwaiter().GetResult() is { UnavailableReason: null } cluster ? cluster.Configuration : throw new InvalidOperationException("No Redis Cluster: apt-get install redis-server");
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.DataProtection.PseudonymKeys.Add(ServerStoreBench.PseudonymKey)).UseRedis(o =>
        {
            o.Configuration = configuration;
            o.KeyPrefix = _prefix;
        });
        _services = services.BuildServiceProvider();
        _store = _services.GetRequiredService<ISuppressionStore>();
        for (var a = 0; a < Accounts; a++)
        {
            var account = Account(a);
            _store.ApplyBatchAsync([.. Enumerable.Range(0, PerAccount).Select(i => new ConsentWrite(OptOut(account, i * 2L), []))]).GetAwaiter().GetResult();
        }

        var random = new Random(21);
        _probes = [.. Enumerable.Range(0, Sends).Select(_ => Enumerable.Range(0, ProbesPerSend).Select(_ => PhoneNumber.FromValue(12_120_000_000UL + (ulong)random.Next(0, 2 * PerAccount))).ToArray())];
        _admin = ConnectionMultiplexer.Connect(configuration + ",allowAdmin=true");
        _commandsBefore = Masters().ToDictionary(s => s.EndPoint.ToString()!, Commands);
        _next = 10_000_000;
    }

    [GlobalCleanup]
    public void Report()
    {
        foreach (var server in Masters())
        {
            var memory = server.Info("memory").SelectMany(g => g).First(p => p.Key == "used_memory").Value;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// shard {Topology} {server.EndPoint}: {server.DatabaseSize()} keys, {long.Parse(memory, CultureInfo.InvariantCulture) / 1_048_576} MiB, {Commands(server) - _commandsBefore[server.EndPoint.ToString()!]} commands during the benchmark"));
        }

        _admin.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Sends * ProbesPerSend, Description = "bulk filter, 8 list sends at once")]
    public async Task<int> Filter()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, Sends).Select(async s =>
        {
            var flags = new bool[ServerStoreBench.ProbeBatch];
            var count = 0;
            for (var start = 0; start < ProbesPerSend; start += ServerStoreBench.ProbeBatch)
            {
                count += await _store.FilterAsync(Account(s * 11), null, _probes[s].AsMemory(start, Math.Min(ServerStoreBench.ProbeBatch, ProbesPerSend - start)), flags);
            }

            return count;
        }));
        return counts.Sum();
    }

    [Benchmark(OperationsPerInvoke = WriteBatches * WriteBatch, Description = "opt-out writes, batches of 1,000 to random accounts")]
    public async Task<int> Write()
    {
        var applied = 0;
        for (var b = 0; b < WriteBatches; b++)
        {
            var batch = Enumerable.Range(0, WriteBatch).Select(_ =>
            {
                var i = Interlocked.Increment(ref _next);
                return new ConsentWrite(OptOut(Account((int)(i % Accounts)), i), []);
            }).ToArray();
            applied += (await _store.ApplyBatchAsync(batch)).Count(s => s == ConsentApplyStatus.Applied);
        }

        return applied;
    }

    private IEnumerable<IServer> Masters() => _admin.GetServers().Where(s => !s.IsReplica);

    private static long Commands(IServer server) =>
        long.Parse(server.Info("stats").SelectMany(g => g).First(p => p.Key == "total_commands_processed").Value, CultureInfo.InvariantCulture);

    private static AccountId Account(int index) => new("tenant-" + index.ToString(CultureInfo.InvariantCulture));

    private static ConsentEvent OptOut(AccountId account, long i) => SqliteBench.OptOut(i) with { Account = account, EventId = account.Value + "-" + i.ToString(CultureInfo.InvariantCulture) };
}
