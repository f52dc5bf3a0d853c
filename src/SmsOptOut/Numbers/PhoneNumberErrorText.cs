using System.Globalization;

namespace SmsOptOut.Numbers;

/// <summary>Human-readable descriptions of <see cref="PhoneNumberParseError"/> values.</summary>
public static class PhoneNumberErrorText
{
    private const int MaxEchoedInput = 64;

    /// <summary>Describes why <paramref name="input"/> could not be parsed, naming the input and the region.</summary>
    /// <param name="input">The text that was parsed.</param>
    /// <param name="region">The default region used, or <see langword="null"/>.</param>
    /// <param name="error">The reason.</param>
    /// <returns>One sentence suitable for an exception message or a per-recipient report.</returns>
    public static string Describe(string? input, string? region, PhoneNumberParseError error)
    {
        var shown = input is null ? "(null)" : "'" + Truncate(input) + "'";
        var regionText = string.IsNullOrEmpty(region) ? "no default region" : "default region " + region;
        var reason = error switch
        {
            PhoneNumberParseError.Empty => "it is empty; expected a phone number such as +14155552671",
            PhoneNumberParseError.NotANumber => "it is not a phone number; expected digits with an optional leading + and separators such as spaces, dashes or parentheses",
            PhoneNumberParseError.MissingRegion => "it has no country code; expected +<country code><number>, or set a default region",
            PhoneNumberParseError.UnknownRegion => "the region is not an ISO 3166-1 two-letter region code known to phone numbering (for example US, GB, DE)",
            PhoneNumberParseError.InvalidCountryCode => "its country calling code does not exist",
            PhoneNumberParseError.TooShort => "it has too few digits for its country",
            PhoneNumberParseError.TooLong => "it has too many digits (E.164 allows at most 15)",
            PhoneNumberParseError.InvalidLength => "its number of digits is not a possible length for its country",
            PhoneNumberParseError.Extension => "it carries an extension or subaddress (;ext= or ;isub=), a line behind the number that a text message cannot reach; expected the number alone, such as tel:+14155552671",
            _ => "it is not a phone number",
        };
        // "0044 20 7946 0958" read in the US: 00 is not how international numbers are dialled there, so say what is.
        var hint = input is not null && input.TrimStart().StartsWith("00", StringComparison.Ordinal) && error != PhoneNumberParseError.None
            && Internal.PhoneNumberParser.NonStandardInternationalPrefix(region) is { } prefix
            ? $"; in {region!.ToUpperInvariant()} international numbers start with + or {prefix}, not 00"
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"Cannot read {shown} as a phone number ({regionText}): {reason}{hint}.");
    }

    private static string Truncate(string input) =>
        input.Length <= MaxEchoedInput ? input : string.Concat(input.AsSpan(0, MaxEchoedInput), "…");
}
