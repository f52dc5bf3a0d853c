using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Stored mode: issuing 1,000,000 tokens in batches of 1,000 into a fresh in-memory store, against drawing the same
/// number of random 10-character base62 strings in the same batches (the part no implementation can avoid), in the same run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StoredLinkIssuanceBenchmarks
{
    private const int Count = 1_000_000;
    private const int Batch = 1_000;
    private OptOutLinkTarget[] _batch = [];
    private ServiceProvider? _services;
    private IOptOutLinkGenerator _generator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _batch = Enumerable.Range(0, Batch)
            .Select(i => new OptOutLinkTarget(new AccountId("acme"), new ListId("newsletter"), PhoneNumber.FromValue(12_120_000_000UL + (ulong)i)))
            .ToArray();
    }

    [IterationSetup]
    public void FreshStore()
    {
        _services?.Dispose();
        var services = new ServiceCollection();
        services.AddSmsOptOut(o => o.LinkBaseUrl = new Uri("https://opt.example/u/")).UseInMemory();
        _services = services.BuildServiceProvider();
        _generator = _services.GetRequiredService<IOptOutLinkGenerator>();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "1M random 10-char base62 strings, 1,000/batch (no store)")]
    public int RandomStrings()
    {
        var length = 0;
        for (var i = 0; i < Count; i += Batch)
        {
            length += SmsOptOut.Links.Internal.Base62.Random(Batch, 10).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "1M stored tokens via CreateManyAsync (1,000/batch)")]
    public async Task<int> IssueStored()
    {
        var issued = 0;
        for (var i = 0; i < Count; i += Batch)
        {
            issued += (await _generator.CreateManyAsync(_batch)).Count;
        }

        return issued;
    }
}
