namespace SmsOptOut.Numbers.Internal;

/// <summary>The country a number belongs to, from libphonenumber's metadata.</summary>
internal static class NumberRegion
{
    private static readonly PhoneNumbers.PhoneNumberUtil Util = PhoneNumbers.PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The number's country: libphonenumber's region for a valid number (it tells +1 numbers apart by area code), else
    /// the main country of its calling code; <see langword="null"/> for a non-geographic code.
    /// </summary>
    /// <param name="number">The number.</param>
    /// <returns>The ISO 3166-1 region, upper case.</returns>
    public static string? Of(PhoneNumber number)
    {
        var region = Util.GetRegionCodeForNumber(Util.Parse(number.ToString(), null));
        if (string.IsNullOrEmpty(region) || region == "ZZ")
        {
            region = Util.GetRegionCodeForCountryCode(number.CountryCode);
        }

        return string.IsNullOrEmpty(region) || region is "ZZ" or "001" ? null : region;
    }
}
