using System.Globalization;

namespace SmsOptOut.Numbers;

/// <summary>Thrown when a text cannot be read as a sender address. The message names the input, the region and the reason.</summary>
public sealed class SenderAddressFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="input"/> parsed with <paramref name="region"/>.</summary>
    /// <param name="input">The text that was parsed.</param>
    /// <param name="region">The default region used, or <see langword="null"/>.</param>
    /// <param name="error">Why the text was refused.</param>
    /// <param name="phoneNumberError">When it looked like a phone number, why that was refused.</param>
    public SenderAddressFormatException(string? input, string? region, SenderAddressParseError error, PhoneNumberParseError phoneNumberError)
        : base(Describe(input, region, error, phoneNumberError))
    {
        Input = input;
        Region = region;
        Error = error;
        PhoneNumberError = phoneNumberError;
    }

    /// <summary>The text that was parsed.</summary>
    public string? Input { get; }

    /// <summary>The default region used, or <see langword="null"/>.</summary>
    public string? Region { get; }

    /// <summary>Why the text was refused.</summary>
    public SenderAddressParseError Error { get; }

    /// <summary>When the text looked like a phone number (<see cref="SenderAddressParseError.InvalidPhoneNumber"/>), why that was refused.</summary>
    public PhoneNumberParseError PhoneNumberError { get; }

    /// <summary>Describes why <paramref name="input"/> is not a sender address, naming the input and the region.</summary>
    /// <param name="input">The text.</param>
    /// <param name="region">The default region, or <see langword="null"/>.</param>
    /// <param name="error">Why.</param>
    /// <param name="phoneNumberError">Why, when it looked like a phone number.</param>
    /// <returns>One sentence.</returns>
    public static string Describe(string? input, string? region, SenderAddressParseError error, PhoneNumberParseError phoneNumberError)
    {
        if (error == SenderAddressParseError.InvalidPhoneNumber && phoneNumberError != PhoneNumberParseError.None)
        {
            return PhoneNumberErrorText.Describe(input, region, phoneNumberError).Replace(" as a phone number ", " as a sender address ", StringComparison.Ordinal);
        }

        var shown = input is null ? "(null)" : "'" + (input.Length <= 64 ? input : input[..64] + "…") + "'";
        var regionText = string.IsNullOrEmpty(region) ? "no default region" : "default region " + region;
        var reason = error switch
        {
            SenderAddressParseError.Empty => "it is empty; expected a phone number (+14155550100), a short code (12345, or US:12345) or an alphanumeric sender ID (ACME)",
            SenderAddressParseError.UnknownRegion => "the short code's country is not an ISO 3166-1 two-letter region code known to phone numbering (for example US, GB, DE)",
            SenderAddressParseError.AlphanumericTooLong => $"an alphanumeric sender ID has at most {SenderAddress.MaxAlphanumericLength} characters",
            SenderAddressParseError.InvalidCharacter =>
                "an alphanumeric sender ID holds ASCII letters (at least one), digits, spaces between them and - _ . & + ! ? ' # % * / ( ) , = @ only",
            _ => $"expected a phone number, a short code of {SenderAddress.MinShortCodeDigits} to {SenderAddress.MaxShortCodeDigits} digits or an alphanumeric sender ID",
        };
        return string.Create(CultureInfo.InvariantCulture, $"Cannot read {shown} as a sender address ({regionText}): {reason}.");
    }
}
