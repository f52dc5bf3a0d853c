using BenchmarkDotNet.Attributes;
using SmsOptOut.Numbers.Internal;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// What the area-code → state table costs to build: libphonenumber's geocoding data for +1 (about 32,500 entries)
/// decompressed, read with its public reader and reduced to USPS codes per area code. A process pays it once, the
/// first time a rule or a cap that names States meets a North American number.
/// </summary>
public class QuietHoursStateTableBenchmarks
{
    [Benchmark(Description = "area-code table read from the geocoding data")]
    public int Load() => AreaCodeStates.Load().Entries;
}
