namespace SmsOptOut.Tool.Stats;

/// <summary>The answer of <c>stats</c>: per day (UTC), opt-outs by source and opt-ins.</summary>
internal sealed record StatsAnswer(string Account, DateOnly From, DateOnly To, IReadOnlyList<DayCount> Days, long OptOuts, long OptIns);

/// <summary>One day: opt-outs by source, and opt-ins.</summary>
internal sealed record DayCount(DateOnly Day, IReadOnlyDictionary<string, long> OptOuts, long OptIns)
{
    public long TotalOptOuts => OptOuts.Values.Sum();
}
