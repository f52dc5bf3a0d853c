namespace SmsOptOut.Tool.Numbers;

/// <summary>One event of <c>history</c>, with its evidence.</summary>
internal sealed record HistoryEntry(
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string Kind, string? List, string Source, string EventId, IReadOnlyDictionary<string, string> Evidence);
