using System.Collections.Frozen;

namespace SmsOptOut.Numbers.Internal;

/// <summary>
/// The 50 states and the District of Columbia by their USPS two-letter code, and the English names libphonenumber's
/// geocoding data gives them (it says "Washington State" and "Washington D.C." to tell the two apart). Territories
/// (Puerto Rico, Guam, …) are regions of their own in phone numbering, not states of <c>US</c>.
/// </summary>
internal static class UnitedStatesCodes
{
    public static FrozenDictionary<string, string> ByName { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Alabama"] = "AL", ["Alaska"] = "AK", ["Arizona"] = "AZ", ["Arkansas"] = "AR", ["California"] = "CA", ["Colorado"] = "CO",
        ["Connecticut"] = "CT", ["Delaware"] = "DE", ["Florida"] = "FL", ["Georgia"] = "GA", ["Hawaii"] = "HI", ["Idaho"] = "ID",
        ["Illinois"] = "IL", ["Indiana"] = "IN", ["Iowa"] = "IA", ["Kansas"] = "KS", ["Kentucky"] = "KY", ["Louisiana"] = "LA",
        ["Maine"] = "ME", ["Maryland"] = "MD", ["Massachusetts"] = "MA", ["Michigan"] = "MI", ["Minnesota"] = "MN",
        ["Mississippi"] = "MS", ["Missouri"] = "MO", ["Montana"] = "MT", ["Nebraska"] = "NE", ["Nevada"] = "NV",
        ["New Hampshire"] = "NH", ["New Jersey"] = "NJ", ["New Mexico"] = "NM", ["New York"] = "NY", ["North Carolina"] = "NC",
        ["North Dakota"] = "ND", ["Ohio"] = "OH", ["Oklahoma"] = "OK", ["Oregon"] = "OR", ["Pennsylvania"] = "PA",
        ["Rhode Island"] = "RI", ["South Carolina"] = "SC", ["South Dakota"] = "SD", ["Tennessee"] = "TN", ["Texas"] = "TX",
        ["Utah"] = "UT", ["Vermont"] = "VT", ["Virginia"] = "VA", ["Washington"] = "WA", ["Washington State"] = "WA",
        ["West Virginia"] = "WV", ["Wisconsin"] = "WI", ["Wyoming"] = "WY", ["District of Columbia"] = "DC", ["Washington D.C."] = "DC",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The 51 codes, upper case.</summary>
    public static FrozenSet<string> Codes { get; } = ByName.Values.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> is one of the 51 codes, exactly (upper case, no <c>US-</c> prefix).</summary>
    public static bool IsCode(string? code) => code is not null && Codes.Contains(code);
}
