using PhoneNumbers;

namespace SmsOptOut.Numbers.Internal;

/// <summary>
/// Per country calling code (1..999): which national significant number lengths libphonenumber calls possible, and
/// whether an E.164 string with that code can take the fast path (see <see cref="PhoneNumberParser.TryParseE164"/>).
/// Built once from libphonenumber's own metadata, so both paths agree.
/// </summary>
internal static class CallingCodeTable
{
    internal const int MaxE164Digits = 15;
    private const int MaxNationalLength = 17;

    private static readonly uint[] PossibleLengthMasks = new uint[1000];
    private static readonly bool[] FastPathEligible = new bool[1000];
    private static readonly string[][] NationalPrefixes = new string[1000][];

#pragma warning disable CA1810 // the tables are filled in one pass over libphonenumber's metadata
    static CallingCodeTable()
#pragma warning restore CA1810
    {
        var util = PhoneNumberUtil.GetInstance();
        foreach (var code in util.GetSupportedCallingCodes())
        {
            if (code is < 1 or > 999)
            {
                continue;
            }

            uint mask = 0;
            ulong nationalNumber = 0;
            for (var length = 1; length <= MaxNationalLength; length++)
            {
                nationalNumber = (nationalNumber * 10) + 1;
                var probe = new PhoneNumbers.PhoneNumber.Builder().SetCountryCode(code).SetNationalNumber(nationalNumber).Build();
                if (util.IsPossibleNumberWithReason(probe) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
                {
                    mask |= 1u << length;
                }
            }

            PossibleLengthMasks[code] = mask;
            var region = util.GetRegionCodeForCountryCode(code);
            var metadata = region == "001" ? util.GetMetadataForNonGeographicalRegion(code) : util.GetMetadataForRegion(region);
            var prefix = metadata?.NationalPrefixForParsing;
            if (string.IsNullOrEmpty(prefix))
            {
                prefix = metadata?.NationalPrefix;
            }

            // A prefix that is a plain digit string, or an alternation of them ("0|180020"), can be checked cheaply;
            // anything with regex syntax (groups, classes) sends every number of that code the slow way.
            var alternatives = string.IsNullOrEmpty(prefix) ? [] : prefix.Split('|');
            if (alternatives.All(a => a.Length is > 0 and <= 8 && a.All(char.IsAsciiDigit)))
            {
                FastPathEligible[code] = true;
                NationalPrefixes[code] = alternatives;
            }
        }
    }

    /// <summary>Whether <paramref name="code"/> is an assigned country calling code.</summary>
    public static bool Exists(int code) => (uint)code < 1000 && PossibleLengthMasks[code] != 0;

    /// <summary>Whether a national significant number of <paramref name="length"/> digits is possible under <paramref name="code"/>.</summary>
    public static bool IsPossibleLength(int code, int length) =>
        (uint)length <= MaxNationalLength && (PossibleLengthMasks[code] & (1u << length)) != 0;

    /// <summary>Whether a national significant number of <paramref name="length"/> digits is possible under <paramref name="code"/>, and if not, why.</summary>
    public static PhoneNumberParseError CheckLength(int code, int length)
    {
        if (IsPossibleLength(code, length))
        {
            return PhoneNumberParseError.None;
        }

        var mask = PossibleLengthMasks[code];
        var shortest = System.Numerics.BitOperations.TrailingZeroCount(mask);
        var longest = 31 - System.Numerics.BitOperations.LeadingZeroCount(mask);
        return length < shortest ? PhoneNumberParseError.TooShort
            : length > longest ? PhoneNumberParseError.TooLong
            : PhoneNumberParseError.InvalidLength;
    }

    /// <summary>
    /// Whether an E.164 string with this code and national number (its ASCII digits) can be accepted without
    /// libphonenumber: the code's national prefixes are plain digit strings (or absent) and the national number starts
    /// with none of them, so libphonenumber would not strip or rewrite anything.
    /// </summary>
    public static bool CanTakeFastPath(int code, ReadOnlySpan<char> nationalDigits)
    {
        if (!FastPathEligible[code])
        {
            return false;
        }

        foreach (var prefix in NationalPrefixes[code])
        {
            if (prefix.Length >= nationalDigits.Length || nationalDigits.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits the digits of an E.164 value into its country calling code and the length of that code.</summary>
    public static bool TrySplitCountryCode(ulong value, int digitCount, out int code, out int codeLength)
    {
        for (codeLength = 1; codeLength <= 3 && codeLength < digitCount; codeLength++)
        {
            code = (int)(value / Pow10(digitCount - codeLength));
            if (Exists(code))
            {
                return true;
            }
        }

        code = 0;
        codeLength = 0;
        return false;
    }

    /// <summary>Number of decimal digits of <paramref name="value"/> (at least 1).</summary>
    public static int DigitCount(ulong value)
    {
        var count = 1;
        while (value >= 10)
        {
            value /= 10;
            count++;
        }

        return count;
    }

    /// <summary>10 raised to <paramref name="exponent"/> (0..19).</summary>
    public static ulong Pow10(int exponent) => Powers[exponent];

    private static readonly ulong[] Powers =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL,
        1_000_000_000_000_000_000UL, 10_000_000_000_000_000_000UL,
    ];
}
