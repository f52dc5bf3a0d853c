namespace SmsOptOut.Numbers;

/// <summary>Why a text could not be read as a phone number.</summary>
public enum PhoneNumberParseError
{
    /// <summary>The text parsed.</summary>
    None = 0,

    /// <summary>The text is null, empty or white space.</summary>
    Empty,

    /// <summary>The text holds letters or symbols that are not part of a phone number.</summary>
    NotANumber,

    /// <summary>The text has no country code (no leading <c>+</c> or international prefix) and no default region was given.</summary>
    MissingRegion,

    /// <summary>The default region is not an ISO 3166-1 region code that phone numbering knows.</summary>
    UnknownRegion,

    /// <summary>The country calling code does not exist.</summary>
    InvalidCountryCode,

    /// <summary>The number has too few digits to be a possible number in its country.</summary>
    TooShort,

    /// <summary>The number has too many digits (E.164 allows at most 15).</summary>
    TooLong,

    /// <summary>The number of digits is between the shortest and longest possible lengths of its country but matches none of them.</summary>
    InvalidLength,

    /// <summary>
    /// The text is a <c>tel:</c> URI with an extension (<c>;ext=</c>) or ISDN subaddress (<c>;isub=</c>): it names a line
    /// behind the number, which a text message cannot reach.
    /// </summary>
    Extension,
}
