namespace SmsOptOut.Storage;

/// <summary>One current row of a changed value.</summary>
/// <param name="Value">The number, or the pseudonym.</param>
/// <param name="Pseudonym">Whether <paramref name="Value"/> is a pseudonym.</param>
/// <param name="ListKey">A list it is suppressed in ('' account-wide), or <see langword="null"/> when it is suppressed nowhere.</param>
internal readonly record struct SuppressionChange(ulong Value, bool Pseudonym, string? ListKey);
