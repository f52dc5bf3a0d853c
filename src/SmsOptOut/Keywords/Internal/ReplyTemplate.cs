using System.Text.RegularExpressions;
using SmsOptOut.Consent;
using SmsOptOut.Sending;

namespace SmsOptOut.Keywords.Internal;

/// <summary>The placeholders of keyword replies: <c>{brand}</c> and <c>{contact}</c>.</summary>
internal static partial class ReplyTemplate
{
    public const string Brand = "{brand}";

    public const string Contact = "{contact}";

    /// <summary>The reply for <paramref name="account"/>: its brand (the account id without one) and contact put in; without a contact, the placeholder goes with its label ("Help at ", "Help: ").</summary>
    public static string Render(string template, AccountId account, SenderIdentity identity)
    {
        var text = template.Replace(Brand, identity.Name ?? account.Value, StringComparison.Ordinal);
        if (!text.Contains(Contact, StringComparison.Ordinal))
        {
            return text;
        }

        return identity.Contact is { Length: > 0 } contact
            ? text.Replace(Contact, contact, StringComparison.Ordinal)
            : ContactWithLabel().Replace(text, string.Empty).Trim();
    }

    /// <summary>Every reply text of <paramref name="options"/> with its option name, double opt-in texts included.</summary>
    public static (string Name, string Text)[] RepliesOf(KeywordOptions options) =>
    [
        ("OptOutReply", options.OptOutReply), ("OptInReply", options.OptInReply), ("HelpReply", options.HelpReply),
        ("DoubleOptIn.ConfirmationRequest", options.DoubleOptIn.ConfirmationRequest), ("DoubleOptIn.ConfirmedReply", options.DoubleOptIn.ConfirmedReply),
    ];

    /// <summary>The placeholders a text names that are not <c>{brand}</c> or <c>{contact}</c>.</summary>
    public static IEnumerable<string> UnknownPlaceholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Where(p => p is not Brand and not Contact).Distinct(StringComparer.Ordinal);

    /// <summary><c>{contact}</c>, a short label before it ending in a colon or "at", and the sentence's end after it.</summary>
    [GeneratedRegex(@"(?:\b[\p{L} ]{1,24}?(?::|\bat)\s*)?\{contact\}[.;,]?\s*")]
    private static partial Regex ContactWithLabel();

    [GeneratedRegex(@"\{[A-Za-z_][A-Za-z0-9_]*\}")]
    private static partial Regex Placeholder();
}
