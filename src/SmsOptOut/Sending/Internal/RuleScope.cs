using SmsOptOut.Numbers.Internal;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// Which numbers a quiet-hours rule or a frequency cap covers, from its region, states and area codes: every number
/// when none is set; otherwise numbers of the region whose area code is listed or placed by the data in a listed state.
/// </summary>
internal static class RuleScope
{
    public static bool Covers(string? region, IReadOnlySet<string>? states, IReadOnlySet<int>? areaCodes, NumberPlace place)
    {
        if (region is not null && !string.Equals(region, place.Region, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (states is null && areaCodes is null)
        {
            return true;
        }

        if (place.AreaCode < 0)
        {
            return false;
        }

        if (areaCodes is not null && areaCodes.Contains(place.AreaCode))
        {
            return true;
        }

        if (states is not null)
        {
            foreach (var state in place.States)
            {
                if (states.Contains(state))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
