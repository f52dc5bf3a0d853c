namespace SmsOptOut.Tool.Webhooks;

/// <summary>The answer of <c>webhooks pending</c>.</summary>
internal sealed record PendingAnswer(string? Account, long Pending, long Delivered, long DeadLettered, DateTimeOffset? OldestDueAt, double? OldestOverdueSeconds);

/// <summary>One dead-lettered webhook of <c>webhooks dead-letters</c>.</summary>
internal sealed record DeadLetterEntry(string Id, string EventId, string? List, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, string? LastError);

/// <summary>The answer of <c>webhooks test</c>.</summary>
internal sealed record TestAnswer(bool Success, int? StatusCode, double LatencyMilliseconds, string? Error);
