using SmsOptOut.Keywords.Internal;

namespace SmsOptOut.OptIn.Internal;

/// <summary>
/// Recognises the answer that confirms a double opt-in ("YES", "Yes!", "y", "oui", "Sí", "yes please") and a sign-up
/// keyword, folded as keywords are (case, accents, repeated letters, punctuation).
/// </summary>
internal static class ConfirmationWords
{
    private const int MaxWords = 6;

    private static readonly HashSet<string> BuiltIn = ["YES", "Y", "YEAH", "YEP", "YUP", "SURE", "OUI", "JA", "SI", "SIM", "TAK", "ДА"];

    private static readonly HashSet<string> Fillers = new(KeywordLists.Fillers.Concat(["PLEASE", "OK", "OKAY", "I", "DO", "CONFIRM", "CONFIRMED", "SIGN", "UP"]));

    /// <summary>Whether <paramref name="body"/> confirms: a confirmation word, then only confirmation or filler words.</summary>
    public static bool IsConfirmation(string? body, DoubleOptInOptions options)
    {
        var words = Words(body);
        if (words.Length is 0 or > MaxWords || !IsWord(words[0], options))
        {
            return false;
        }

        return words.Skip(1).All(w => IsWord(w, options) || Fillers.Contains(w));
    }

    /// <summary>Whether <paramref name="body"/>, as a whole, is one of the account's sign-up keywords.</summary>
    public static bool IsSignUp(string? body, DoubleOptInOptions options)
    {
        if (options.SignUpKeywords.Count == 0 || string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        var folded = KeywordNormalizer.NormalizeKeyword(body);
        return options.SignUpKeywords.Any(k => string.Equals(KeywordNormalizer.NormalizeKeyword(k), folded, StringComparison.Ordinal));
    }

    private static bool IsWord(string word, DoubleOptInOptions options) =>
        BuiltIn.Contains(word) || options.ConfirmationWords.Any(w => string.Equals(KeywordNormalizer.NormalizeKeyword(w), word, StringComparison.Ordinal));

    private static string[] Words(string? body) =>
        string.IsNullOrWhiteSpace(body) || body.Length > 200
            ? []
            : KeywordNormalizer.NormalizeKeyword(body).Split(KeywordNormalizer.WordBreak, StringSplitOptions.RemoveEmptyEntries);
}
