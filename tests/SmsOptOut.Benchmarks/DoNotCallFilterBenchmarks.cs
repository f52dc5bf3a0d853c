using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.DoNotCall;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending.Internal;
using SmsOptOut.Storage.Sqlite;
using SmsOptOut.Suppression;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// The send-time filter of a marketing list with a Do-Not-Call registry set on, against today's filter (suppression
/// only) in the same run, per store: 1M suppressed numbers, 500,000 numbers in the registry set for every account,
/// 1M probes (about half suppressed, a quarter listed), 4,096 per batch, through the list send's own send-time filter
/// with and without the registry. Per number.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DoNotCallFilterBenchmarks
{
    private const int Listed = 500_000;
    private static readonly ListId List = new("bench");
    private readonly bool[] _suppressed = new bool[ServerStoreBench.ProbeBatch];
    private readonly bool[] _listed = new bool[ServerStoreBench.ProbeBatch];
    private string? _file;
    private ServiceProvider _services = null!;
    private ISuppressionStore _store = null!;
    private IDoNotCallRegistryStore _registry = null!;
    private PhoneNumber[] _probe = [];

    /// <summary>The store under test.</summary>
    [Params("InMemory", "Sqlite", "PostgreSql", "Redis")]
    public string Store { get; set; } = "InMemory";

    [GlobalSetup]
    public void Setup()
    {
        _services = Store switch
        {
            "InMemory" => InMemory(),
            "Sqlite" => SqliteBench.Services(_file = SqliteBench.NewFile(), SqliteSynchronous.Normal),
            "PostgreSql" => ServerStoreBench.PostgreSql(ServerStoreBench.NewIsolationKey()),
            _ => ServerStoreBench.Redis(ServerStoreBench.NewIsolationKey()),
        };
        _store = _services.GetRequiredService<ISuppressionStore>();
        _registry = _services.GetRequiredService<IDoNotCallRegistryStore>();
        ServerStoreBench.SeedSuppressions(_store);
        var file = new StringBuilder(Listed * 13);
        for (var i = 0; i < Listed; i++)
        {
            file.Append('+').Append(12_120_000_001UL + (2UL * (ulong)i)).Append('\n');
        }

        var imported = _services.GetRequiredService<IDoNotCallRegistry>()
            .ImportAsync(new MemoryStream(Encoding.ASCII.GetBytes(file.ToString())), new DoNotCallImport { DataDate = new DateOnly(2026, 11, 20) }).GetAwaiter().GetResult();
        if (imported.Imported != Listed)
        {
            throw new InvalidOperationException($"The registry holds {imported.Imported} numbers, not {Listed}.");
        }

        _probe = ServerStoreBench.Probes();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_file is not null)
        {
            SqliteBench.Delete(_file);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ServerStoreBench.Probed, Description = "suppression only (today's filter)")]
    public Task<int> SuppressionOnly() => FilterAllAsync(registry: null);

    [Benchmark(OperationsPerInvoke = ServerStoreBench.Probed, Description = "suppression + Do-Not-Call registry, as a list send checks a batch")]
    public Task<int> WithRegistry() => FilterAllAsync(_registry);

    /// <summary>Every probe through the send-time filter, a batch at a time; returns a checksum so nothing is optimised away.</summary>
    private async Task<int> FilterAllAsync(IDoNotCallRegistryStore? registry)
    {
        var count = 0;
        for (var start = 0; start < _probe.Length; start += ServerStoreBench.ProbeBatch)
        {
            var batch = _probe[start..Math.Min(start + ServerStoreBench.ProbeBatch, _probe.Length)];
            await SendTimeFilter.FilterAsync(_store, registry, SqliteBench.Account, List, null, batch, _suppressed, _listed, CancellationToken.None);
            count += (_suppressed[0] ? 1 : 0) + (_listed[0] ? 1 : 0);
        }

        return count;
    }

    private static ServiceProvider InMemory()
    {
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.DataProtection.PseudonymKeys.Add(ServerStoreBench.PseudonymKey)).UseInMemory();
        return services.BuildServiceProvider();
    }
}
