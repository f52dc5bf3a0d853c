using BenchmarkDotNet.Attributes;
using SmsOptOut.Storage;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// The suppression snapshot's lookups alone, per number: 1M values in a <c>NumberSet</c> at the snapshot's load
/// (0.7), 1M probes of which half are in it, 4,096 a batch, one <c>Contains</c> at a time as the snapshot makes them,
/// against <see cref="HashSet{T}"/> (the baseline the bulk filter benchmarks compare with). A variant that read a block
/// of 16 slots ahead before probing them was 1.5× slower than one at a time and was not kept: the CPU already overlaps
/// the independent lookups.
/// </summary>
[Config(typeof(InProcessMonitoringConfig))]
public class NumberSetBenchmarks
{
    private const int Count = 1_000_000, Batch = 4_096;
    private readonly bool[] _found = new bool[Batch];
    private NumberSet _set = null!;
    private HashSet<ulong> _hashSet = null!;
    private ulong[] _probe = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, Count).Select(_ => 10_000_000_000UL + (ulong)random.NextInt64(0, 90_000_000_000)).ToArray();
        _set = new NumberSet(values, 0.7);
        _hashSet = [.. values];
        _probe = [.. Enumerable.Range(0, Count).Select(i => i % 2 == 0 ? values[random.Next(Count)] : 10_000_000_000UL + (ulong)random.NextInt64(0, 90_000_000_000))];
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "NumberSet.Contains, one at a time")]
    public int OneAtATime()
    {
        var count = 0;
        for (var i = 0; i < _probe.Length; i += Batch)
        {
            var batch = _probe.AsSpan(i, Math.Min(Batch, _probe.Length - i));
            for (var j = 0; j < batch.Length; j++)
            {
                _found[j] = _set.Contains(batch[j]);
                count += _found[j] ? 1 : 0;
            }
        }

        return count;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "HashSet<ulong>.Contains")]
    public int HashSetContains()
    {
        var count = 0;
        foreach (var value in _probe)
        {
            count += _hashSet.Contains(value) ? 1 : 0;
        }

        return count;
    }
}
