using SmsOptOut.Numbers;

namespace SmsOptOut.Privacy.Internal;

/// <summary>
/// The checks of the texts a person's request leaves in stored records (an erasure's reference and reason, a request's
/// reference, extension reason and resolution): present, bounded, printable, and — when the number is known — free of it.
/// </summary>
internal static class AuditText
{
    /// <summary>Refuses a text that is missing, blank, outside <paramref name="min"/>..<paramref name="max"/> characters, or holds control characters.</summary>
    /// <param name="text">The text.</param>
    /// <param name="owner">Whose field it is, for the message ("erasure", "request").</param>
    /// <param name="name">The field's name.</param>
    /// <param name="min">The fewest characters.</param>
    /// <param name="max">The most characters.</param>
    public static void Check(string? text, string owner, string name, int min, int max)
    {
        if (text is null || text.Length < min || text.Length > max || text.Any(char.IsControl) || string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"The {owner}'s {name} must be {min} to {max} printable characters; got {(text is null ? "null" : text.Length + " characters")}.", name);
        }
    }

    /// <summary>The error for a field of a request: <paramref name="message"/> names it and what was expected.</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="message">The message.</param>
    /// <returns>The exception to throw.</returns>
    public static ArgumentException Refuse(string name, string message) => new(message, name);

    /// <summary>
    /// Refuses a text whose digits (separators ignored) contain the number's last eight digits — the national number, or
    /// enough of it to find the person.
    /// </summary>
    /// <param name="number">The number.</param>
    /// <param name="owner">Whose field it is, for the message.</param>
    /// <param name="role">What the number is, for the message ("the number being erased").</param>
    /// <param name="kept">Where the text is kept, for the message ("the audit record").</param>
    /// <param name="texts">The texts with their field names.</param>
    public static void RefuseNumber(PhoneNumber number, string owner, string role, string kept, params ReadOnlySpan<(string Text, string Name)> texts)
    {
        var digits = number.ToString()[1..];
        var national = digits.Length > 8 ? digits[^8..] : digits;
        foreach (var (text, name) in texts)
        {
            var textDigits = new string([.. text.Where(char.IsAsciiDigit)]);
            if (textDigits.Contains(national, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The {owner}'s {name} contains {role}; it is kept in {kept}, which must not hold the number.", name);
            }
        }
    }
}
