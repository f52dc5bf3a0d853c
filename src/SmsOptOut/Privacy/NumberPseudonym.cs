namespace SmsOptOut.Privacy;

/// <summary>
/// A number's keyed pseudonym: what an erased number stays suppressed under. <see cref="Value"/> always has its top bit
/// set, so it can never equal a phone number's value (at most 15 digits, below 2^50). For storage adapter authors.
/// </summary>
/// <param name="KeyId">The <see cref="PseudonymKey"/> it was made with.</param>
/// <param name="Value">The pseudonym.</param>
public readonly record struct NumberPseudonym(int KeyId, ulong Value)
{
    /// <summary>The pseudonym as a signed 64-bit value, as SQL <c>bigint</c> columns store it (always negative).</summary>
    public long Stored => unchecked((long)Value);
}
