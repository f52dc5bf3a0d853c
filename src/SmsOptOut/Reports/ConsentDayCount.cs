using SmsOptOut.Consent;

namespace SmsOptOut.Reports;

/// <summary>How many consent events of one kind and source an account recorded on one day (UTC).</summary>
/// <param name="Day">The day, in UTC, the events were recorded.</param>
/// <param name="Kind">Opt-out or opt-in.</param>
/// <param name="Source">The channel.</param>
/// <param name="Count">How many.</param>
public sealed record ConsentDayCount(DateOnly Day, ConsentKind Kind, OptOutSource Source, long Count);
