namespace SmsOptOut.Numbers;

/// <summary>Why a text could not be read as a sender address.</summary>
public enum SenderAddressParseError
{
    /// <summary>The text parsed.</summary>
    None = 0,

    /// <summary>The text is null, empty or white space.</summary>
    Empty,

    /// <summary>The text looks like a phone number but is not a possible one; <see cref="SenderAddressFormatException.PhoneNumberError"/> says why.</summary>
    InvalidPhoneNumber,

    /// <summary>The short code's country is not an ISO 3166-1 region code known to phone numbering.</summary>
    UnknownRegion,

    /// <summary>An alphanumeric sender ID longer than 11 characters.</summary>
    AlphanumericTooLong,

    /// <summary>
    /// An alphanumeric sender ID with a character outside the GSM-7 letters, digits, space and <c>- _ . &amp; + ! ? ' # % * / ( ) , = @</c>,
    /// or with a leading or trailing space.
    /// </summary>
    InvalidCharacter,
}
