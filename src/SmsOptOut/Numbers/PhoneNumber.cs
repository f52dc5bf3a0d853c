using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SmsOptOut.Numbers.Internal;

namespace SmsOptOut.Numbers;

/// <summary>
/// A phone number in E.164 form (<c>+4917612345678</c>), stored as its digits in one 64-bit integer: equal numbers are
/// equal whatever format they were typed in, and hashing, comparing and storing them is cheap.
/// </summary>
/// <remarks>
/// <para>Parse once at the edge with <see cref="Parse(string, string?)"/> or <see cref="TryParse(ReadOnlySpan{char}, string?, out PhoneNumber, out PhoneNumberParseError)"/>.
/// Text already in E.164 form takes a fast path; every other format ("+1 (415) 555-2671", "0044 20 7946 0958",
/// "020 7946 0958" with region GB) is read by libphonenumber.</para>
/// <para>The bar is a <em>possible</em> number (a known country code and a possible length), not libphonenumber's
/// stricter <em>valid</em> number: numbering plans gain new ranges faster than any metadata, and refusing a real
/// opt-out is worse than accepting an unusual number.</para>
/// <para><c>default(PhoneNumber)</c> is the empty value; <see cref="IsEmpty"/> tells it apart.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct PhoneNumber : IEquatable<PhoneNumber>, IComparable<PhoneNumber>, ISpanFormattable, IUtf8SpanFormattable
{
    private readonly ulong _value;

    private PhoneNumber(ulong value) => _value = value;

    /// <summary>The digits of the E.164 form as one integer (<c>4917612345678</c> for <c>+4917612345678</c>); 0 when empty.</summary>
    public ulong Value => _value;

    /// <summary>Whether this is <c>default(PhoneNumber)</c>, which holds no number.</summary>
    public bool IsEmpty => _value == 0;

    /// <summary>The country calling code (<c>49</c> for <c>+4917612345678</c>); 0 when empty.</summary>
    public int CountryCode =>
        !IsEmpty && CallingCodeTable.TrySplitCountryCode(_value, CallingCodeTable.DigitCount(_value), out var code, out _) ? code : 0;

    /// <summary>Reads <paramref name="input"/> as a phone number.</summary>
    /// <param name="input">The number in any common format.</param>
    /// <param name="defaultRegion">ISO 3166-1 region (for example <c>US</c>, <c>GB</c>) used when the number has no country code.</param>
    /// <returns>The number.</returns>
    /// <exception cref="PhoneNumberFormatException">The text is not a possible phone number; the message names the input, the region and why.</exception>
    public static PhoneNumber Parse(string input, string? defaultRegion = null)
    {
        if (!TryParse(input, defaultRegion, out var number, out var error))
        {
            throw new PhoneNumberFormatException(input, defaultRegion, error);
        }

        return number;
    }

    /// <summary>Tries to read <paramref name="input"/> as a phone number.</summary>
    /// <param name="input">The number in any common format.</param>
    /// <param name="defaultRegion">ISO 3166-1 region used when the number has no country code.</param>
    /// <param name="number">The number, or <c>default</c> when the text is not a possible number.</param>
    /// <returns>Whether the text is a possible phone number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? input, string? defaultRegion, out PhoneNumber number) =>
        TryParse(input.AsSpan(), defaultRegion, out number, out _);

    /// <summary>Tries to read <paramref name="input"/> as a phone number and says why when it cannot.</summary>
    /// <param name="input">The number in any common format.</param>
    /// <param name="defaultRegion">ISO 3166-1 region used when the number has no country code.</param>
    /// <param name="number">The number, or <c>default</c> when the text is not a possible number.</param>
    /// <param name="error">Why the text was refused; <see cref="PhoneNumberParseError.None"/> on success.</param>
    /// <returns>Whether the text is a possible phone number.</returns>
    public static bool TryParse(ReadOnlySpan<char> input, string? defaultRegion, out PhoneNumber number, out PhoneNumberParseError error)
    {
        error = PhoneNumberParser.TryParse(input, defaultRegion, out var value);
        number = new PhoneNumber(value);
        return error == PhoneNumberParseError.None;
    }

    /// <summary>Rebuilds a number from its <see cref="Value"/>, for example when reading it back from storage.</summary>
    /// <param name="value">The E.164 digits as one integer.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not the digits of an E.164 number with a known country code.</exception>
    public static PhoneNumber FromValue(ulong value)
    {
        var digits = CallingCodeTable.DigitCount(value);
        if (value == 0 || digits > CallingCodeTable.MaxE164Digits
            || !CallingCodeTable.TrySplitCountryCode(value, digits, out _, out _))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                "Expected the digits of an E.164 number (at most 15 digits, starting with a known country calling code).");
        }

        return new PhoneNumber(value);
    }

    /// <summary>The E.164 form, <c>+4917612345678</c>; the empty string when empty.</summary>
    /// <returns>The E.164 text.</returns>
    public override string ToString() => IsEmpty ? string.Empty : "+" + _value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The number with all but its country code and last four digits hidden, <c>+49 ••• ••• 5678</c>: safe for logs,
    /// landing pages and reports. The hidden part has a fixed width, so it reveals nothing about the length.
    /// </summary>
    /// <returns>The masked text.</returns>
    public string ToMaskedString()
    {
        if (IsEmpty)
        {
            return string.Empty;
        }

        var digits = _value.ToString(CultureInfo.InvariantCulture);
        var code = CountryCode.ToString(CultureInfo.InvariantCulture);
        var visible = Math.Min(4, digits.Length - code.Length);
        return string.Concat("+", code, " ••• ••• ", digits.AsSpan(digits.Length - visible));
    }

    /// <inheritdoc />
    public bool Equals(PhoneNumber other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PhoneNumber other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(PhoneNumber other) => _value.CompareTo(other._value);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (IsEmpty)
        {
            charsWritten = 0;
            return true;
        }

        if (destination.Length < 2)
        {
            charsWritten = 0;
            return false;
        }

        destination[0] = '+';
        var ok = _value.TryFormat(destination[1..], out var written, default, CultureInfo.InvariantCulture);
        charsWritten = ok ? written + 1 : 0;
        return ok;
    }

    /// <inheritdoc />
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (IsEmpty)
        {
            bytesWritten = 0;
            return true;
        }

        if (utf8Destination.Length < 2)
        {
            bytesWritten = 0;
            return false;
        }

        utf8Destination[0] = (byte)'+';
        var ok = _value.TryFormat(utf8Destination[1..], out var written, default, CultureInfo.InvariantCulture);
        bytesWritten = ok ? written + 1 : 0;
        return ok;
    }

    /// <summary>Equality of two numbers.</summary>
    public static bool operator ==(PhoneNumber left, PhoneNumber right) => left.Equals(right);

    /// <summary>Inequality of two numbers.</summary>
    public static bool operator !=(PhoneNumber left, PhoneNumber right) => !left.Equals(right);

    /// <summary>Ordering by the E.164 digits.</summary>
    public static bool operator <(PhoneNumber left, PhoneNumber right) => left._value < right._value;

    /// <summary>Ordering by the E.164 digits.</summary>
    public static bool operator <=(PhoneNumber left, PhoneNumber right) => left._value <= right._value;

    /// <summary>Ordering by the E.164 digits.</summary>
    public static bool operator >(PhoneNumber left, PhoneNumber right) => left._value > right._value;

    /// <summary>Ordering by the E.164 digits.</summary>
    public static bool operator >=(PhoneNumber left, PhoneNumber right) => left._value >= right._value;
}
