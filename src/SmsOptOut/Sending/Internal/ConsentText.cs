using System.Globalization;
using SmsOptOut.OptIn;

namespace SmsOptOut.Sending.Internal;

/// <summary>Why a recipient's consent does not meet a send's requirement or exemption, in the words a report shows; <see langword="null"/> when it does.</summary>
internal static class ConsentText
{
    /// <summary>Why <paramref name="standing"/> does not meet <paramref name="requirement"/> at <paramref name="now"/>.</summary>
    public static string? WhyNotConsented(OptInStanding standing, ConsentRequirement requirement, DateTimeOffset now)
    {
        var required = requirement == ConsentRequirement.ConfirmedOptIn ? OptInLevel.Confirmed : OptInLevel.OptedIn;
        return standing.Level == OptInLevel.None ? "no opt-in is recorded"
            : standing.IsExpired(now) ? Expired(standing)
            : standing.Level < required ? "the opt-in is not a confirmed double opt-in"
            : null;
    }

    /// <summary>Why <paramref name="standing"/> is not an established business relationship at <paramref name="now"/>.</summary>
    public static string? WhyNoRelationship(OptInStanding standing, DateTimeOffset now) =>
        standing.IsEstablishedBusinessRelationship(now) ? null
        : standing.Level == OptInLevel.None ? "on the Do-Not-Call registry, and no established business relationship is recorded (an opt-out ends one)"
        : standing.Basis is not (ConsentBasis.Purchase or ConsentBasis.Inquiry) ? $"on the Do-Not-Call registry, and the recorded consent rests on {standing.Basis}, not a purchase or inquiry"
        : $"on the Do-Not-Call registry, and {Expired(standing)}";

    /// <summary>Why <paramref name="standing"/> is not an express permission at <paramref name="now"/>.</summary>
    public static string? WhyNoExpressConsent(OptInStanding standing, DateTimeOffset now) =>
        standing.Level != OptInLevel.None && standing.Basis == ConsentBasis.Express ? null
        : standing.Level == OptInLevel.None ? "on the Do-Not-Call registry, and no express opt-in is recorded"
        : $"on the Do-Not-Call registry, and the recorded consent is implied ({standing.Basis}), not an express permission";

    private static string Expired(OptInStanding standing) =>
        $"the implied consent ({standing.Basis}) expired at {standing.ExpiresAt!.Value.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}";
}
