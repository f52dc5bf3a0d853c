using SmsOptOut.Compliance;
using SmsOptOut.Numbers;
using SmsOptOut.Numbers.Internal;

namespace SmsOptOut.OptIn.Internal;

/// <summary>When an implied consent lapses, from <see cref="ConsentOptions.Lifetimes"/>: the shortest period of the rows that apply.</summary>
internal static class ConsentLifetimes
{
    /// <summary>The row that limits a consent of <paramref name="basis"/> to <paramref name="number"/>, or <see langword="null"/> when none does.</summary>
    /// <param name="lifetimes">The table.</param>
    /// <param name="profiles">The host's compliance profiles.</param>
    /// <param name="basis">The basis.</param>
    /// <param name="number">The number.</param>
    /// <returns>The row with the shortest period among those that apply.</returns>
    public static ConsentLifetime? Governing(IEnumerable<ConsentLifetime> lifetimes, ComplianceProfiles profiles, ConsentBasis basis, PhoneNumber number)
    {
        if (basis == ConsentBasis.Express)
        {
            return null;
        }

        var region = NumberRegion.Of(number);
        return lifetimes
            .Where(row => row.Basis == basis
                && (row.Region is null || string.Equals(row.Region, region, StringComparison.OrdinalIgnoreCase) || (row.Profile & profiles) != 0))
            .MinBy(row => row.Months);
    }

    /// <summary>When a consent of <paramref name="basis"/> dated <paramref name="basisAt"/> lapses, or <see langword="null"/> when it does not.</summary>
    /// <param name="options">The options.</param>
    /// <param name="basis">The basis.</param>
    /// <param name="basisAt">The date of the basis.</param>
    /// <param name="number">The number.</param>
    /// <returns>The expiry.</returns>
    public static DateTimeOffset? ExpiryOf(SmsOptOutOptions options, ConsentBasis basis, DateTimeOffset basisAt, PhoneNumber number) =>
        Governing(options.Consent.Lifetimes, options.Compliance.Profiles, basis, number) is { } row ? basisAt.ToUniversalTime().AddMonths(row.Months) : null;

    /// <summary>The problems of a lifetime table, each naming the row and what was expected.</summary>
    /// <param name="lifetimes">The table.</param>
    /// <returns>The problems; empty when it is valid.</returns>
    public static IEnumerable<string> Validate(IList<ConsentLifetime> lifetimes)
    {
        for (var i = 0; i < lifetimes.Count; i++)
        {
            var row = lifetimes[i];
            var name = $"SmsOptOutOptions.Consent.Lifetimes[{i}]";
            if (row is null)
            {
                yield return $"{name} is null; expected a ConsentLifetime.";
                continue;
            }

            if (row.Basis == ConsentBasis.Express || !Enum.IsDefined(row.Basis))
            {
                yield return $"{name} limits basis {row.Basis}; expected an implied basis (Purchase, Inquiry, Membership, ConspicuousPublication, Disclosure) — express consent lasts until it is withdrawn.";
            }

            if (row.Months is < 1 or > 1200)
            {
                yield return $"{name} lasts {row.Months} months; expected 1 to 1200.";
            }

            if (row.Region is { } region && (region.Length != 2 || !region.All(char.IsAsciiLetter)))
            {
                yield return $"{name}.Region '{region}' is not an ISO 3166-1 alpha-2 code such as US or CA.";
            }
        }
    }
}
