using BenchmarkDotNet.Attributes;
using PhoneNumbers;
using PhoneNumber = SmsOptOut.Numbers.PhoneNumber;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// Parsing numbers: SmsOptOut's <c>PhoneNumber.TryParse</c> against libphonenumber's own Parse + Format(E164) on the same
/// strings, in the same run. Results are per string.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PhoneNumberParsingBenchmarks
{
    private const int Count = 1_000_000;
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private string[] _e164 = [];
    private string[] _human = [];

    [GlobalSetup]
    public void Setup()
    {
        _e164 = Corpus.E164(Count);
        _human = Corpus.Human(Count);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "E.164: libphonenumber Parse+Format")]
    [BenchmarkCategory("E164")]
    public int E164_LibPhoneNumber()
    {
        var length = 0;
        foreach (var s in _e164)
        {
            length += Util.Format(Util.Parse(s, null), PhoneNumberFormat.E164).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "E.164: PhoneNumber.TryParse (fast path)")]
    [BenchmarkCategory("E164")]
    public ulong E164_SmsOptOut()
    {
        ulong sum = 0;
        foreach (var s in _e164)
        {
            PhoneNumber.TryParse(s, null, out var n);
            sum += n.Value;
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count, Description = "Human: libphonenumber Parse+Format")]
    [BenchmarkCategory("Human")]
    public int Human_LibPhoneNumber()
    {
        var length = 0;
        foreach (var s in _human)
        {
            length += Util.Format(Util.Parse(s, "US"), PhoneNumberFormat.E164).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Count, Description = "Human: PhoneNumber.TryParse")]
    [BenchmarkCategory("Human")]
    public ulong Human_SmsOptOut()
    {
        ulong sum = 0;
        foreach (var s in _human)
        {
            PhoneNumber.TryParse(s, "US", out var n);
            sum += n.Value;
        }

        return sum;
    }
}
