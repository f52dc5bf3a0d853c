using System.Collections.Frozen;
using PhoneNumbers;

namespace SmsOptOut.Numbers.Internal;

/// <summary>
/// Reads phone numbers: a fast path for strings already in E.164 form, and libphonenumber for every other format.
/// The fast path only accepts what libphonenumber would accept unchanged; anything it is unsure of goes the slow way.
/// </summary>
internal static class PhoneNumberParser
{
    private const int MaxInputLength = 250;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly FrozenSet<string> Regions =
        Util.GetSupportedRegions().ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsKnownRegion(string region) => Regions.Contains(region);

    /// <summary>
    /// The digits a caller in <paramref name="region"/> dials before an international number ("011" in the US), when
    /// that is one fixed string other than "00"; <see langword="null"/> otherwise (unknown region, "00", or a pattern).
    /// </summary>
    public static string? NonStandardInternationalPrefix(string? region)
    {
        if (string.IsNullOrEmpty(region) || !IsKnownRegion(region))
        {
            return null;
        }

        var metadata = Util.GetMetadataForRegion(region.ToUpperInvariant());
        var prefix = metadata?.HasPreferredInternationalPrefix == true ? metadata.PreferredInternationalPrefix : metadata?.InternationalPrefix;
        return prefix is { Length: > 0 } && prefix != "00" && prefix.All(char.IsAsciiDigit) ? prefix : null;
    }

    public static PhoneNumberParseError TryParse(ReadOnlySpan<char> input, string? region, out ulong value)
    {
        if (TryParseE164(input, out value))
        {
            return PhoneNumberParseError.None;
        }

        var trimmed = input.Trim();
        if (TelUri.IsTelUri(trimmed))
        {
            var error = TelUri.Split(trimmed, out var number, out var domainContext);
            if (error != PhoneNumberParseError.None)
            {
                return error;
            }

            // A number local to a domain ("tel:7042;phone-context=example.com") has no country code of its own.
            return domainContext && string.IsNullOrEmpty(region) ? PhoneNumberParseError.MissingRegion
                : TryParseE164(number, out value) ? PhoneNumberParseError.None
                : ParseWithLibPhoneNumber(number, region, out value);
        }

        return ParseWithLibPhoneNumber(input, region, out value);
    }

    /// <summary>The fast path: <c>+</c> followed by 2–15 ASCII digits with a known country code and a possible length.</summary>
    public static bool TryParseE164(ReadOnlySpan<char> input, out ulong value)
    {
        value = 0;
        if (input.Length < 3 || input.Length > CallingCodeTable.MaxE164Digits + 1 || input[0] != '+')
        {
            return false;
        }

        var digits = input[1..];
        if (digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var code = digits[0] - '0';
        var codeLength = 1;
        while (!CallingCodeTable.Exists(code))
        {
            if (codeLength == 3 || codeLength + 1 >= digits.Length)
            {
                return false;
            }

            code = (code * 10) + (digits[codeLength] - '0');
            codeLength++;
        }

        var national = digits[codeLength..];
        if (!CallingCodeTable.IsPossibleLength(code, national.Length) || !CallingCodeTable.CanTakeFastPath(code, national))
        {
            return false;
        }

        ulong result = 0;
        foreach (var c in digits)
        {
            result = (result * 10) + (uint)(c - '0');
        }

        value = result;
        return true;
    }

    internal static PhoneNumberParseError ParseWithLibPhoneNumber(ReadOnlySpan<char> input, string? region, out ulong value)
    {
        value = 0;
        var trimmed = input.Trim();
        if (trimmed.IsEmpty)
        {
            return PhoneNumberParseError.Empty;
        }

        if (trimmed.Length > MaxInputLength)
        {
            return PhoneNumberParseError.TooLong;
        }

        if (!HasOnlyPhoneCharacters(trimmed))
        {
            return PhoneNumberParseError.NotANumber;
        }

        var hasRegion = !string.IsNullOrEmpty(region);
        if (hasRegion && !IsKnownRegion(region!))
        {
            return PhoneNumberParseError.UnknownRegion;
        }

        var international = trimmed[0] is '+' or '\uFF0B';
        if (!hasRegion && !international)
        {
            return PhoneNumberParseError.MissingRegion;
        }

        PhoneNumbers.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(trimmed.ToString(), hasRegion ? region!.ToUpperInvariant() : null);
        }
        catch (NumberParseException e)
        {
            return e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => hasRegion || international
                    ? PhoneNumberParseError.InvalidCountryCode
                    : PhoneNumberParseError.MissingRegion,
                ErrorType.TOO_SHORT_AFTER_IDD or ErrorType.TOO_SHORT_NSN => PhoneNumberParseError.TooShort,
                ErrorType.TOO_LONG => PhoneNumberParseError.TooLong,
                _ => PhoneNumberParseError.NotANumber,
            };
        }

        // libphonenumber's "possible" test depends only on the country code and the length of the national significant
        // number, so the table built from it answers the same without formatting strings.
        var code = parsed.CountryCode;
        if (!CallingCodeTable.Exists(code))
        {
            return PhoneNumberParseError.InvalidCountryCode;
        }

        var nationalNumber = parsed.NationalNumber;
        var leadingZeros = parsed.HasNumberOfLeadingZeros ? parsed.NumberOfLeadingZeros : 0;
        var nationalLength = CallingCodeTable.DigitCount(nationalNumber) + leadingZeros;
        var lengthError = CallingCodeTable.CheckLength(code, nationalLength);
        if (lengthError != PhoneNumberParseError.None)
        {
            return lengthError;
        }

        var codeLength = CallingCodeTable.DigitCount((ulong)code);
        if (codeLength + nationalLength > CallingCodeTable.MaxE164Digits)
        {
            return PhoneNumberParseError.TooLong;
        }

        value = ((ulong)code * CallingCodeTable.Pow10(nationalLength)) + nationalNumber;
        return PhoneNumberParseError.None;
    }

    /// <summary>Digits (any script), a leading plus, and the separators people type between digit groups.</summary>
    private static bool HasOnlyPhoneCharacters(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                continue;
            }

            switch (c)
            {
                case '+' or '\uFF0B' or ' ' or '\t' or '\u00A0' or '\u2007' or '\u202F' or '-' or '.' or '(' or ')'
                    or '[' or ']' or '/' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015'
                    or '\u2212' or '\u30FC' or '\uFF0D' or '\uFF0E' or '\uFF08' or '\uFF09':
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }
}
