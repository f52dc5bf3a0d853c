using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// One in-process job of 1 warm-up and 5 measured iterations (operations take seconds), so the cases of a class share what
/// their set-up seeded once per process; its time limit is an hour, as a set-up that seeds 1M opt-outs into a server
/// takes minutes (the <c>--inProcess</c> switch's job stops after five: run such a class without it).
/// </summary>
public sealed class InProcessMonitoringConfig : ManualConfig
{
    public InProcessMonitoringConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
