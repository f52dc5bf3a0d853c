using System.Collections.Concurrent;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;

namespace SmsOptOut.Numbers.Internal;

/// <summary>
/// Where a number's prefix (country code and, in North America, area code) rings: its region, its area code and its
/// time zones (libphonenumber's time-zone mapper; a number whose zone is unknown takes every zone of its country).
/// Worked out once per prefix for the life of the process; the US states of the area code come from
/// <see cref="AreaCodeStates"/>, read only when a rule asks for them.
/// </summary>
/// <param name="Region">The ISO 3166-1 region (<c>US</c>, <c>CA</c>, …).</param>
/// <param name="AreaCode">The North American area code, or -1 outside country code 1.</param>
/// <param name="Zones">The time zones, at least one.</param>
internal sealed record NumberPlace(string Region, int AreaCode, TimeZoneInfo[] Zones)
{
    private const string UnknownZone = "Etc/Unknown";

    private static readonly PhoneNumbers.PhoneNumberToTimeZonesMapper Mapper = PhoneNumbers.PhoneNumberToTimeZonesMapper.GetInstance();
    private static readonly PhoneNumbers.PhoneNumberUtil Util = PhoneNumbers.PhoneNumberUtil.GetInstance();
    private static readonly ConcurrentDictionary<ulong, NumberPlace> Prefixes = new();

    /// <summary>The US states the data places the area code in (none outside North America or for a non-geographic code).</summary>
    public IReadOnlyList<string> States => AreaCode < 0 ? [] : AreaCodeStates.Instance.Of(AreaCode);

    /// <summary>The place of <paramref name="number"/>'s prefix.</summary>
    public static NumberPlace Of(PhoneNumber number) => Prefixes.GetOrAdd(number.Value / 10_000_000, static (_, n) => Describe(n), number);

    private static NumberPlace Describe(PhoneNumber number)
    {
        var parsed = Util.Parse(number.ToString(), null);
        var ids = Mapper.GetTimeZonesForNumber(parsed);
        if (ids.Contains(UnknownZone))
        {
            // A number libphonenumber does not hold valid (an unassigned exchange) still has its area code's zones: the
            // place is cached per prefix, so the first number seen must not give the whole country to every number of it.
            ids = Mapper.GetTimeZonesForGeographicalNumber(parsed);
        }

        if (ids.Contains(UnknownZone))
        {
            ids = Mapper.GetTimeZonesForGeographicalNumber(new LibPhoneNumber.Builder().SetCountryCode(parsed.CountryCode).SetNationalNumber(0).Build());
        }

        var zones = ids.Select(id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null).OfType<TimeZoneInfo>().ToArray();
        var region = Util.GetRegionCodeForNumber(parsed);
        if (string.IsNullOrEmpty(region) || region == "ZZ")
        {
            region = Util.GetRegionCodeForCountryCode(parsed.CountryCode);
        }

        var areaCode = parsed.CountryCode == 1 ? (int)(number.Value / 10_000_000 % 1_000) : -1;
        return new NumberPlace(region, areaCode, zones.Length > 0 ? zones : [TimeZoneInfo.Utc]);
    }
}
