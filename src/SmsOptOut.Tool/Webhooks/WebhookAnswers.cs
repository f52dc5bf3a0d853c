namespace SmsOptOut.Tool.Webhooks;

/// <summary>The answer of <c>webhooks pending</c>.</summary>
internal sealed record PendingAnswer(int Version, string? Account, long Pending, long Delivered, long DeadLettered, string? OldestDueAt, double? OldestOverdueSeconds);

/// <summary>The answer of <c>webhooks deliver</c>.</summary>
internal sealed record DeliverAnswer(int Version, string? Account, long Attempts, long Pending, long DeadLettered);

/// <summary>The answer of <c>webhooks dead-letters</c>.</summary>
internal sealed record DeadLettersAnswer(int Version, string Account, IReadOnlyList<DeadLetterEntry> DeadLetters);

/// <summary>One dead-lettered webhook.</summary>
internal sealed record DeadLetterEntry(string Id, string EventId, string? List, int Attempts, string CreatedAt, string? LastAttemptAt, string? LastError);

/// <summary>The answer of <c>webhooks test</c>.</summary>
internal sealed record TestAnswer(int Version, string Account, string? List, bool Success, int? StatusCode, double LatencyMilliseconds, string? Error);

/// <summary>The answer of <c>webhooks replay</c>: <see cref="NotFound"/> lists the named ids that are not dead letters of the account.</summary>
internal sealed record ReplayAnswer(int Version, string Account, long Replayed, long? Delivered, IReadOnlyList<string> NotFound);
