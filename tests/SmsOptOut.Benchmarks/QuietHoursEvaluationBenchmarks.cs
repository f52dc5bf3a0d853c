using BenchmarkDotNet.Attributes;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using SmsOptOut.Sending.Internal;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// What quiet hours cost per distinct number prefix in a batch: 60 US numbers from 60 area codes across every
/// mainland zone and Alaska and Hawaii, judged with a fresh per-batch memo each operation (so each prefix is evaluated
/// once), against the same numbers answered from a warm memo. The rules: the federal and Florida ones (Florida by
/// state, from the geocoding data), the same with Florida's area codes written out (as before issue 30), and the
/// federal rule with every state preset. Per number. (Reading the area-code table once: <see cref="QuietHoursStateTableBenchmarks"/>.)
/// </summary>
public class QuietHoursEvaluationBenchmarks
{
    private static readonly int[] AreaCodes =
    [
        201, 202, 203, 205, 206, 207, 208, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229, 231, 234, 239, 240, 248,
        251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303, 304, 305, 307, 308, 309, 310, 312, 313, 314, 315,
        316, 317, 318, 319, 320, 405, 415, 602, 808, 907,
    ];

    private static readonly QuietHoursRule[] Rules = [QuietHoursRule.UnitedStatesFederal, QuietHoursRule.Florida];

    private static readonly QuietHoursRule[] WrittenOut =
    [
        QuietHoursRule.UnitedStatesFederal,
        QuietHoursRule.Florida with
        {
            States = null,
            AreaCodes = new HashSet<int> { 239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689, 727, 728, 754, 772, 786, 813, 850, 863, 904, 941, 954 },
        },
    ];

    private static readonly QuietHoursRule[] EveryState = [QuietHoursRule.UnitedStatesFederal, .. QuietHoursRule.UnitedStatesStates];

    private readonly DateTimeOffset _now = new(2026, 7, 1, 18, 0, 0, TimeSpan.Zero);
    private QuietHours _quiet = null!;
    private PhoneNumber[] _numbers = [];
    private QuietHours.Batch _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _quiet = new QuietHours();
        _numbers = [.. AreaCodes.Select(a => PhoneNumber.Parse($"+1{a}5550123"))];
        _warm = new QuietHours.Batch(Rules);
        Judge(_warm);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 60, Description = "answered from the batch's memo")]
    public int Memoized() => Judge(_warm);

    [Benchmark(OperationsPerInvoke = 60, Description = "each prefix evaluated (a new batch)")]
    public int Evaluated() => Judge(new QuietHours.Batch(Rules));

    [Benchmark(OperationsPerInvoke = 60, Description = "each prefix evaluated, Florida's area codes written out")]
    public int EvaluatedWrittenOut() => Judge(new QuietHours.Batch(WrittenOut));

    [Benchmark(OperationsPerInvoke = 60, Description = "each prefix evaluated, federal and every state preset")]
    public int EvaluatedEveryState() => Judge(new QuietHours.Batch(EveryState));

    private int Judge(QuietHours.Batch batch)
    {
        var deferred = 0;
        foreach (var number in _numbers)
        {
            deferred += _quiet.Defer(number, _now, batch) is null ? 0 : 1;
        }

        return deferred;
    }
}
