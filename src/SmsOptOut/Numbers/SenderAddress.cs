using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SmsOptOut.Numbers.Internal;

namespace SmsOptOut.Numbers;

/// <summary>
/// The address an SMS is sent from, or a reply is sent to: a phone number (long code or toll-free), a short code with
/// its country, or an alphanumeric sender ID. The recipient of a message is always a <see cref="Numbers.PhoneNumber"/> (a
/// person's handset); what sends it is a <see cref="SenderAddress"/>.
/// </summary>
/// <remarks>
/// <para>Parsed once with <see cref="Parse"/> or <see cref="TryParse(string?, string?, out SenderAddress, out SenderAddressParseError)"/>,
/// held in 16 bytes, compared and hashed cheaply. <see cref="ToString"/> is the canonical text, which
/// <see cref="Parse"/> reads back: <c>+14155550100</c>, <c>US:12345</c> (a short code and its country; <c>12345</c> when
/// the country is not known), <c>ACME</c>.</para>
/// <para>A <see cref="Numbers.PhoneNumber"/> converts to a sender address implicitly.</para>
/// <para><c>default(SenderAddress)</c> is the empty value; <see cref="IsEmpty"/> tells it apart.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct SenderAddress : IEquatable<SenderAddress>
{
    /// <summary>The fewest digits of a short code.</summary>
    public const int MinShortCodeDigits = 3;

    /// <summary>The most digits of a short code.</summary>
    public const int MaxShortCodeDigits = 8;

    /// <summary>The most characters of an alphanumeric sender ID (GSM 03.40: 11 packed 7-bit characters).</summary>
    public const int MaxAlphanumericLength = 11;

    private const ulong ShortCodeFlag = 1UL << 63;

    // Phone number: the E.164 digits. Short code: the flag, the country's two letters (5 bits each, 0 when unknown) at
    // bit 40, the digit count at bit 32 and the digits' value below. Alphanumeric: the text, and 0.
    private readonly ulong _value;
    private readonly string? _text;

    private SenderAddress(ulong value, string? text)
    {
        _value = value;
        _text = text;
    }

    /// <summary>Whether this is <c>default(SenderAddress)</c>, which holds no address.</summary>
    public bool IsEmpty => _value == 0 && _text is null;

    /// <summary>What kind of address this is; 0 when empty.</summary>
    public SenderAddressKind Kind =>
        _text is not null ? SenderAddressKind.Alphanumeric
        : (_value & ShortCodeFlag) != 0 ? SenderAddressKind.ShortCode
        : _value != 0 ? SenderAddressKind.PhoneNumber
        : 0;

    /// <summary>The phone number, when <see cref="Kind"/> is <see cref="SenderAddressKind.PhoneNumber"/>; otherwise <see langword="null"/>.</summary>
    public PhoneNumber? PhoneNumber => Kind == SenderAddressKind.PhoneNumber ? Numbers.PhoneNumber.FromValue(_value) : null;

    /// <summary>The short code's country (ISO 3166-1, <c>US</c>), when it is a short code whose country is known; otherwise <see langword="null"/>.</summary>
    public string? Region
    {
        get
        {
            if (Kind != SenderAddressKind.ShortCode)
            {
                return null;
            }

            var letters = (int)((_value >> 40) & 0x3FF);
            return letters == 0 ? null : string.Create(2, letters, static (span, l) => (span[0], span[1]) = ((char)('A' + (l >> 5) - 1), (char)('A' + (l & 31) - 1)));
        }
    }

    /// <summary>
    /// Whether this is a toll-free number (libphonenumber's number type; in North America the 8XX area codes), which
    /// quiet-hours rules and carriers treat apart from long codes.
    /// </summary>
    public bool IsTollFree => Kind == SenderAddressKind.PhoneNumber && SenderAddressParser.IsTollFree(_value);

    /// <summary>The address of a phone number (a long code or a toll-free number).</summary>
    /// <param name="number">The number.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentException"><paramref name="number"/> is empty.</exception>
    public static SenderAddress FromPhoneNumber(PhoneNumber number) =>
        number.IsEmpty ? throw new ArgumentException("The phone number is empty.", nameof(number)) : new(number.Value, null);

    /// <summary>The address of a short code.</summary>
    /// <param name="digits">3 to 8 ASCII digits.</param>
    /// <param name="region">The ISO 3166-1 country the short code belongs to (<c>US</c>), or <see langword="null"/> when unknown.</param>
    /// <returns>The address.</returns>
    /// <exception cref="SenderAddressFormatException">The digits or the country are not valid; the message says which.</exception>
    public static SenderAddress ShortCode(string digits, string? region)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var error = SenderAddressParser.TryShortCode(digits, region, out var value);
        return error == SenderAddressParseError.None ? new(value, null) : throw new SenderAddressFormatException(digits, region, error, PhoneNumberParseError.None);
    }

    /// <summary>The address of an alphanumeric sender ID.</summary>
    /// <param name="senderId">1 to 11 characters: ASCII letters (at least one), digits, spaces inside and the punctuation <see cref="SenderAddressParseError.InvalidCharacter"/> names.</param>
    /// <returns>The address.</returns>
    /// <exception cref="SenderAddressFormatException">The text is not a valid sender ID; the message says why.</exception>
    public static SenderAddress Alphanumeric(string senderId)
    {
        ArgumentNullException.ThrowIfNull(senderId);
        var error = SenderAddressParser.CheckAlphanumeric(senderId);
        return error == SenderAddressParseError.None ? new(0, senderId) : throw new SenderAddressFormatException(senderId, null, error, PhoneNumberParseError.None);
    }

    /// <summary>Reads <paramref name="input"/> as a sender address.</summary>
    /// <param name="input">
    /// A phone number in any format <see cref="Numbers.PhoneNumber.Parse"/> reads (a national one with
    /// <paramref name="defaultRegion"/>), international digits without <c>+</c> (<c>14155550100</c>), a short code
    /// (<c>12345</c>, or <c>US:12345</c> with its country) or an alphanumeric sender ID (<c>ACME</c>).
    /// </param>
    /// <param name="defaultRegion">The region of national numbers, and the country of a short code that does not name one.</param>
    /// <returns>The address.</returns>
    /// <exception cref="SenderAddressFormatException">The text is none of them; the message names the input, the region and why.</exception>
    public static SenderAddress Parse(string input, string? defaultRegion = null) =>
        TryParse(input, defaultRegion, out var address, out var error, out var phoneError) ? address
        : throw new SenderAddressFormatException(input, defaultRegion, error, phoneError);

    /// <summary>Tries to read <paramref name="input"/> as a sender address (see <see cref="Parse"/>).</summary>
    /// <param name="input">The text.</param>
    /// <param name="defaultRegion">The region of national numbers and short codes.</param>
    /// <param name="address">The address, or <c>default</c>.</param>
    /// <returns>Whether the text is a sender address.</returns>
    public static bool TryParse([NotNullWhen(true)] string? input, string? defaultRegion, out SenderAddress address) =>
        TryParse(input, defaultRegion, out address, out _);

    /// <summary>Tries to read <paramref name="input"/> as a sender address and says why when it cannot.</summary>
    /// <param name="input">The text.</param>
    /// <param name="defaultRegion">The region of national numbers and short codes.</param>
    /// <param name="address">The address, or <c>default</c>.</param>
    /// <param name="error">Why the text was refused; <see cref="SenderAddressParseError.None"/> on success.</param>
    /// <returns>Whether the text is a sender address.</returns>
    public static bool TryParse([NotNullWhen(true)] string? input, string? defaultRegion, out SenderAddress address, out SenderAddressParseError error) =>
        TryParse(input, defaultRegion, out address, out error, out _);

    internal static bool TryParse([NotNullWhen(true)] string? input, string? defaultRegion, out SenderAddress address, out SenderAddressParseError error,
        out PhoneNumberParseError phoneError, bool internationalFirst = false)
    {
        error = SenderAddressParser.TryParse(input, defaultRegion, internationalFirst, out var value, out var text, out phoneError);
        address = error == SenderAddressParseError.None ? new(value, text) : default;
        return error == SenderAddressParseError.None;
    }

    /// <summary>The canonical text: <c>+14155550100</c>, <c>US:12345</c> (<c>12345</c> without a country), <c>ACME</c>; empty when empty.</summary>
    /// <returns>The text, which <see cref="Parse"/> reads back to an equal address.</returns>
    public override string ToString()
    {
        switch (Kind)
        {
            case SenderAddressKind.Alphanumeric:
                return _text!;
            case SenderAddressKind.PhoneNumber:
                return "+" + _value.ToString(CultureInfo.InvariantCulture);
            case SenderAddressKind.ShortCode:
                return Region is { } region ? region + ":" + ShortCodeDigits() : ShortCodeDigits();
            default:
                return string.Empty;
        }
    }

    /// <summary>
    /// The address as providers' APIs take it: a phone number's international digits (with a leading <c>+</c> when
    /// <paramref name="plusPrefix"/> is set), a short code's digits without its country, a sender ID as it is.
    /// </summary>
    /// <param name="plusPrefix">Whether a phone number starts with <c>+</c> (Twilio, Telnyx) or not (Vonage).</param>
    /// <returns>The text.</returns>
    public string ToProviderString(bool plusPrefix = false) => Kind switch
    {
        SenderAddressKind.ShortCode => ShortCodeDigits(),
        SenderAddressKind.PhoneNumber => (plusPrefix ? "+" : string.Empty) + _value.ToString(CultureInfo.InvariantCulture),
        _ => ToString(),
    };

    /// <inheritdoc />
    public bool Equals(SenderAddress other) => _value == other._value && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SenderAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _text is null ? _value.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>The address of a phone number.</summary>
    /// <param name="number">The number; an empty one gives the empty address.</param>
    public static implicit operator SenderAddress(PhoneNumber number) => new(number.Value, null);

    /// <summary>Equality of two addresses.</summary>
    public static bool operator ==(SenderAddress left, SenderAddress right) => left.Equals(right);

    /// <summary>Inequality of two addresses.</summary>
    public static bool operator !=(SenderAddress left, SenderAddress right) => !left.Equals(right);

    private string ShortCodeDigits() =>
        (_value & 0xFFFF_FFFF).ToString(CultureInfo.InvariantCulture).PadLeft((int)((_value >> 32) & 0xF), '0');
}
