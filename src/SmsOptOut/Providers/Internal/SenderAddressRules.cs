using SmsOptOut.Numbers;
using SmsOptOut.Numbers.Internal;

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
            case SenderAddressKind.ShortCode when from.Region is { } region && NumberRegion.Of(to) is { } country && !string.Equals(country, region, StringComparison.OrdinalIgnoreCase):
                return $"The short code '{from}' cannot send to {to.ToMaskedString()} ({country}): a short code reaches only numbers of its own country ({region}).";
            default:
                return null;
        }
    }
}
