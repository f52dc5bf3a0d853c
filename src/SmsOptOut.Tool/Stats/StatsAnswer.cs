namespace SmsOptOut.Tool.Stats;

/// <summary>The answer of <c>stats</c> (docs/schemas/v1/stats.schema.json): per UTC day of <see cref="By"/>'s time, opt-outs by source and opt-ins.</summary>
internal sealed record StatsAnswer(int Version, string Account, string By, string From, string To, IReadOnlyList<DayCount> Days, long OptOuts, long OptIns);

/// <summary>One day: opt-outs by source, and opt-ins.</summary>
internal sealed record DayCount(string Day, IReadOnlyDictionary<string, long> OptOutsBySource, long OptOuts, long OptIns);
