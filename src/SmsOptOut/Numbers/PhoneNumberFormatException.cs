namespace SmsOptOut.Numbers;

/// <summary>Thrown when a text cannot be read as a phone number. The message names the input, the region and the reason.</summary>
public sealed class PhoneNumberFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="input"/> parsed with <paramref name="region"/>.</summary>
    /// <param name="input">The text that was parsed.</param>
    /// <param name="region">The default region used, or <see langword="null"/>.</param>
    /// <param name="error">Why the text was refused.</param>
    public PhoneNumberFormatException(string? input, string? region, PhoneNumberParseError error)
        : base(PhoneNumberErrorText.Describe(input, region, error))
    {
        Input = input;
        Region = region;
        Error = error;
    }

    /// <summary>The text that was parsed.</summary>
    public string? Input { get; }

    /// <summary>The default region used, or <see langword="null"/>.</summary>
    public string? Region { get; }

    /// <summary>Why the text was refused.</summary>
    public PhoneNumberParseError Error { get; }
}
