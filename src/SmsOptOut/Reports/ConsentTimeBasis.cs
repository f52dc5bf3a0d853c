namespace SmsOptOut.Reports;

/// <summary>Which of a consent event's two times puts it on a day.</summary>
public enum ConsentTimeBasis
{
    /// <summary>
    /// <c>ConsentEvent.RecordedAt</c>: when SmsOptOut learned of the change (the default). It never moves: an import of
    /// old opt-outs counts on the import's day, and a day once counted keeps its count (except for erasures).
    /// </summary>
    Recorded = 0,

    /// <summary>
    /// <c>ConsentEvent.OccurredAt</c>: when the person acted, as the source said (an import's own timestamps). A past
    /// day's count can still grow when older opt-outs are imported later.
    /// </summary>
    Occurred = 1,
}
