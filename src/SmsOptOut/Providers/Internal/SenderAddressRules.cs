using SmsOptOut.Numbers;

namespace SmsOptOut.Providers.Internal;

/// <summary>What no provider can deliver, whatever its API accepts: checked before a message is handed over.</summary>
internal static class SenderAddressRules
{
    /// <summary>Why a message from <paramref name="from"/> cannot reach <paramref name="to"/>, or <see langword="null"/> when it can.</summary>
    public static string? Refusal(SenderAddress from, PhoneNumber to)
    {
        switch (from.Kind)
        {
            case SenderAddressKind.Alphanumeric when to.CountryCode == 1:
                return $"The alphanumeric sender ID '{from}' cannot send to {to.ToMaskedString()}: carriers in the US, Canada and the rest of North America deliver no message from an alphanumeric sender ID. Send from a long code, toll-free number or short code.";
            case SenderAddressKind.ShortCode when from.Region is { } region && Regions.Of(to) is { } country && !string.Equals(country, region, StringComparison.OrdinalIgnoreCase):
                return $"The short code '{from}' cannot send to {to.ToMaskedString()} ({country}): a short code reaches only numbers of its own country ({region}).";
            default:
                return null;
        }
    }

    private static class Regions
    {
        private static readonly PhoneNumbers.PhoneNumberUtil Util = PhoneNumbers.PhoneNumberUtil.GetInstance();

        /// <summary>
        /// The number's country: libphonenumber's region for a valid number (it tells +1 numbers apart by area code), else
        /// the main country of its calling code; <see langword="null"/> for a non-geographic code.
        /// </summary>
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
}
