using BenchmarkDotNet.Running;
using SmsOptOut.Benchmarks;

if (args.Length > 0 && args[0] == "--memory")
{
    MemoryFootprint.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
