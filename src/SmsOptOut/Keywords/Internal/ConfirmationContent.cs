using System.Text.RegularExpressions;

namespace SmsOptOut.Keywords.Internal;

/// <summary>
/// What a subscription confirmation must say for US carriers (CTIA Messaging Principles and Best Practices, opt-in
/// confirmation): the program's name, the message frequency, "Msg &amp; data rates may apply", HELP and STOP
/// instructions, and a customer-care contact.
/// </summary>
internal static partial class ConfirmationContent
{
    /// <summary>The elements <paramref name="template"/> lacks, in words; empty when it has them all.</summary>
    /// <param name="template">The text with its placeholders.</param>
    /// <param name="brand">The brand's name, when configured (a text may name it instead of <c>{brand}</c>).</param>
    /// <returns>The missing elements.</returns>
    public static IEnumerable<string> Missing(string template, string? brand)
    {
        if (!template.Contains(ReplyTemplate.Brand, StringComparison.Ordinal) && (brand is null || !template.Contains(brand, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"the program name ({ReplyTemplate.Brand})";
        }

        if (!Frequency().IsMatch(template))
        {
            yield return "the message frequency (\"Msg freq varies\", \"4 msgs/mo\")";
        }

        if (!Rates().IsMatch(template))
        {
            yield return "\"Msg & data rates may apply\"";
        }

        if (!Keyword("HELP").IsMatch(template))
        {
            yield return "HELP instructions";
        }

        if (!Keyword("STOP").IsMatch(template))
        {
            yield return "STOP instructions";
        }

        if (!template.Contains(ReplyTemplate.Contact, StringComparison.Ordinal))
        {
            yield return $"a customer-care contact ({ReplyTemplate.Contact})";
        }
    }

    private static Regex Keyword(string word) => word == "HELP" ? Help() : Stop();

    [GeneratedRegex(@"(?i)\bfreq(uency)?\b|\b\d+\s*(msgs?|messages?)\s*(/|per\b|a\b)")]
    private static partial Regex Frequency();

    [GeneratedRegex(@"(?i)\b(msg|message)\s*(&|and)\s*data\s+rates\s+may\s+apply\b")]
    private static partial Regex Rates();

    [GeneratedRegex(@"\bHELP\b")]
    private static partial Regex Help();

    [GeneratedRegex(@"\bSTOP\b")]
    private static partial Regex Stop();
}
