namespace SmsOptOut.Tool.Numbers;

/// <summary>The answer of <c>check</c> (docs/schemas/v1/check.schema.json).</summary>
internal sealed record CheckAnswer(int Version, string Account, string Number, string? List, bool Suppressed, IReadOnlyList<ScopeEntry> Scopes, bool ErasedSuppression,
    bool OnDoNotCallRegistry);

/// <summary>
/// One suppression of the number: account-wide (<see cref="List"/> null) or one list's; <see cref="Timestamp"/> is when the
/// opt-out occurred; <see cref="PausedUntil"/> when an account-wide pause ends (null for an opt-out).
/// </summary>
internal sealed record ScopeEntry(string Scope, string? List, string Timestamp, string Source, string EventId, string? PausedUntil);
