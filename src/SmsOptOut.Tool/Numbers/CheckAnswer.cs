namespace SmsOptOut.Tool.Numbers;

/// <summary>The answer of <c>check</c>.</summary>
internal sealed record CheckAnswer(string Number, string Account, bool Suppressed, IReadOnlyList<ScopeEntry> Scopes, bool ErasedSuppression, bool OnDoNotCallRegistry);

/// <summary>One suppression of the number: account-wide (<see cref="List"/> null) or one list's.</summary>
internal sealed record ScopeEntry(string? List, DateTimeOffset Since, string Source, string EventId);
