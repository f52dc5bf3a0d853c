using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace SmsOptOut.Benchmarks;

/// <summary>A short, repeatable job: every class compares against a baseline measured in the same run.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(8).WithLaunchCount(1));
        AddDiagnoser(MemoryDiagnoser.Default);
        HideColumns(BenchmarkDotNet.Columns.Column.Error);
    }
}
