using System.Globalization;
using System.Text;

namespace SmsOptOut.Keywords.Internal;

/// <summary>
/// Folds a message into words the classifier compares: upper case, accents and diacritics removed, full-width forms
/// mapped to ASCII, apostrophes dropped ("don't" → DONT), format characters and combining marks inside a word ignored
/// (zero-width space and joiner, soft hyphen, bidi marks: "S\u200BTOP" → STOP), runs of the same letter collapsed
/// ("stooop" → STOP), everything else a word separator. Sentence punctuation (. ! ? ; , : and newlines) is kept as a
/// sentence break. Output: words separated by <see cref="WordBreak"/>, sentences by <see cref="SentenceBreak"/>.
/// Look-alike letters of other scripts are the classifier's business (<see cref="Confusables"/>), not folded here.
/// </summary>
internal static class KeywordNormalizer
{
    public const char WordBreak = ' ';
    public const char SentenceBreak = '|';

    private const char Drop = '\uFFFF';
    private const int TableSize = 0x0500;
    private static readonly char[] Table = BuildTable();

    /// <summary>Normalizes <paramref name="text"/> into <paramref name="output"/> (at least as long as the text).</summary>
    /// <returns>The number of characters written.</returns>
    public static int Normalize(ReadOnlySpan<char> text, Span<char> output)
    {
        var length = 0;
        var previous = SentenceBreak;
        foreach (var raw in text)
        {
            var folded = Fold(raw);
            if (folded == Drop)
            {
                continue;
            }

            if (folded is WordBreak or SentenceBreak)
            {
                if (length == 0)
                {
                    continue;
                }

                if (previous == WordBreak || previous == SentenceBreak)
                {
                    if (folded == SentenceBreak)
                    {
                        output[length - 1] = SentenceBreak;
                        previous = SentenceBreak;
                    }

                    continue;
                }

                output[length++] = folded;
                previous = folded;
                continue;
            }

            if (folded == previous && char.IsLetter(folded))
            {
                continue;
            }

            output[length++] = folded;
            previous = folded;
        }

        while (length > 0 && output[length - 1] is WordBreak or SentenceBreak)
        {
            length--;
        }

        return length;
    }

    /// <summary>Normalizes a keyword as configured (the same folding, sentence breaks become word breaks).</summary>
    public static string NormalizeKeyword(string keyword)
    {
        var buffer = new char[keyword.Length];
        var length = Normalize(keyword, buffer);
        return new string(buffer, 0, length).Replace(SentenceBreak, WordBreak);
    }

    private static char Fold(char c)
    {
        if (c < TableSize)
        {
            return Table[c];
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return Table[c - 0xFEE0];
        }

        if (c is '\u2019' or '\u2018' or '\u02BC' or '\u00B4')
        {
            return Drop;
        }

        if (c is '\u2026' or '\u3002' or '\u2028' or '\u2029')
        {
            return SentenceBreak;
        }

        return char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : IsInvisible(c) ? Drop : WordBreak;
    }

    /// <summary>Format characters (ZWSP, ZWJ, soft hyphen, bidi marks, BOM) and combining marks: not part of what a word looks like.</summary>
    private static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;

    private static char[] BuildTable()
    {
        var table = new char[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            var c = (char)i;
            table[i] = char.IsLetterOrDigit(c) ? FoldLetter(c) : IsInvisible(c) ? Drop : WordBreak;
        }

        foreach (var c in ".!?;,:\n\r")
        {
            table[c] = SentenceBreak;
        }

        foreach (var c in "'`")
        {
            table[c] = Drop;
        }

        return table;
    }

    private static char FoldLetter(char c)
    {
        if (char.IsAsciiLetterOrDigit(c))
        {
            return char.ToUpperInvariant(c);
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var first = decomposed[0];
        return CharUnicodeInfo.GetUnicodeCategory(first) == UnicodeCategory.NonSpacingMark ? char.ToUpperInvariant(c) : char.ToUpperInvariant(first);
    }
}
