using PhoneNumbers;

namespace SmsOptOut.Numbers.Internal;

/// <summary>Reads and packs <see cref="SenderAddress"/> values (see its remarks for the layout).</summary>
internal static class SenderAddressParser
{
    private const ulong ShortCodeFlag = 1UL << 63;
    private const string AlphanumericPunctuation = " -_.&+!?'#%*/(),=@";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static SenderAddressParseError TryParse(string? input, string? region, bool internationalFirst, out ulong value, out string? text, out PhoneNumberParseError phoneError)
    {
        value = 0;
        text = null;
        phoneError = PhoneNumberParseError.None;
        var trimmed = input.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            phoneError = PhoneNumberParseError.Empty;
            return SenderAddressParseError.Empty;
        }

        // The canonical short code: two letters, a colon and the digits (US:12345).
        if (trimmed.Length > 3 && trimmed[2] == ':' && char.IsAsciiLetter(trimmed[0]) && char.IsAsciiLetter(trimmed[1]) && !trimmed[3..].ContainsAnyExceptInRange('0', '9'))
        {
            return TryShortCode(trimmed[3..], trimmed[..2].ToString(), out value);
        }

        if (trimmed[0] is '+' or '\uFF0B' || trimmed.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            return Phone(trimmed, region, out value, out phoneError);
        }

        if (trimmed.ContainsAnyInRange('A', 'Z') || trimmed.ContainsAnyInRange('a', 'z'))
        {
            var error = CheckAlphanumeric(input!.Trim());
            text = error == SenderAddressParseError.None ? input.Trim() : null;
            return error;
        }

        if (!trimmed.ContainsAnyExceptInRange('0', '9'))
        {
            if (trimmed.Length is >= SenderAddress.MinShortCodeDigits and <= SenderAddress.MaxShortCodeDigits)
            {
                // 7 and 8 digits are a national number in some countries (Denmark, Singapore): a number when the region says so.
                return trimmed.Length >= 7 && !string.IsNullOrEmpty(region) && PhoneNumber.TryParse(trimmed, region, out var number, out _)
                    ? Done(number, out value)
                    : TryShortCode(trimmed, region, out value);
            }

            if (trimmed.Length > SenderAddress.MaxShortCodeDigits)
            {
                // International digits without '+' (Plivo's, Vonage's) or a national number typed without separators.
                Span<char> plus = stackalloc char[trimmed.Length + 1];
                plus[0] = '+';
                trimmed.CopyTo(plus[1..]);
                if (internationalFirst || string.IsNullOrEmpty(region))
                {
                    return PhoneNumber.TryParse(plus, null, out var international, out _) ? Done(international, out value) : Phone(trimmed, region, out value, out phoneError);
                }

                return PhoneNumber.TryParse(trimmed, region, out var national, out phoneError) ? Done(national, out value)
                    : PhoneNumber.TryParse(plus, null, out var other, out _) ? Done(other, out value)
                    : SenderAddressParseError.InvalidPhoneNumber;
            }
        }

        return Phone(trimmed, region, out value, out phoneError);
    }

    public static SenderAddressParseError TryShortCode(ReadOnlySpan<char> digits, string? region, out ulong value)
    {
        value = 0;
        if (digits.Length is < SenderAddress.MinShortCodeDigits or > SenderAddress.MaxShortCodeDigits || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return SenderAddressParseError.InvalidPhoneNumber;
        }

        ulong letters = 0;
        if (!string.IsNullOrEmpty(region))
        {
            if (region.Length != 2 || !PhoneNumberParser.IsKnownRegion(region) || !char.IsAsciiLetter(region[0]) || !char.IsAsciiLetter(region[1]))
            {
                return SenderAddressParseError.UnknownRegion;
            }

            letters = ((uint)(char.ToUpperInvariant(region[0]) - 'A' + 1) << 5) | (uint)(char.ToUpperInvariant(region[1]) - 'A' + 1);
        }

        ulong number = 0;
        foreach (var c in digits)
        {
            number = (number * 10) + (uint)(c - '0');
        }

        value = ShortCodeFlag | (letters << 40) | ((ulong)digits.Length << 32) | number;
        return SenderAddressParseError.None;
    }

    public static SenderAddressParseError CheckAlphanumeric(string text)
    {
        if (text.Length == 0 || string.IsNullOrWhiteSpace(text))
        {
            return SenderAddressParseError.Empty;
        }

        if (text.Length > SenderAddress.MaxAlphanumericLength)
        {
            return SenderAddressParseError.AlphanumericTooLong;
        }

        if (text[0] == ' ' || text[^1] == ' ')
        {
            return SenderAddressParseError.InvalidCharacter;
        }

        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                letters++;
            }
            else if (!char.IsAsciiDigit(c) && !AlphanumericPunctuation.Contains(c, StringComparison.Ordinal))
            {
                return SenderAddressParseError.InvalidCharacter;
            }
        }

        return letters > 0 ? SenderAddressParseError.None : SenderAddressParseError.InvalidCharacter;
    }

    /// <summary>Whether the E.164 digits are a toll-free number: in North America by the area code, elsewhere per libphonenumber's number type.</summary>
    public static bool IsTollFree(ulong value)
    {
        if (CallingCodeTable.DigitCount(value) == 11 && value / 10_000_000_000 == 1)
        {
            return (value / 10_000_000 % 1000) is 800 or 833 or 844 or 855 or 866 or 877 or 888;
        }

        var parsed = Util.Parse("+" + value.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        return Util.GetNumberType(parsed) == PhoneNumberType.TOLL_FREE;
    }

    private static SenderAddressParseError Phone(ReadOnlySpan<char> text, string? region, out ulong value, out PhoneNumberParseError phoneError)
    {
        if (PhoneNumber.TryParse(text, region, out var number, out phoneError))
        {
            return Done(number, out value);
        }

        value = 0;
        return phoneError == PhoneNumberParseError.UnknownRegion ? SenderAddressParseError.UnknownRegion : SenderAddressParseError.InvalidPhoneNumber;
    }

    private static SenderAddressParseError Done(PhoneNumber number, out ulong value)
    {
        value = number.Value;
        return SenderAddressParseError.None;
    }
}
