using SmsOptOut.Consent;

namespace SmsOptOut.OptIn;

/// <summary>An opt-in to store with <see cref="IOptInStore.RecordOptInAsync"/>: when, on what basis, until when, and its proof.</summary>
/// <param name="At">When the person opted in, or the date of the basis (the purchase, the inquiry).</param>
/// <param name="Evidence">What proves it.</param>
public sealed record OptInGrant(DateTimeOffset At, ConsentEvidence Evidence)
{
    /// <summary>What the consent rests on; <see cref="ConsentBasis.Express"/> by default.</summary>
    public ConsentBasis Basis { get; init; }

    /// <summary>When an implied consent lapses; <see langword="null"/> when it does not.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// Whether this grant replaces <paramref name="current"/> in a store: a number without a level gets it; a single
    /// opt-in resting on an implied basis is replaced by an express one, or by an implied one that lasts longer (a new
    /// purchase renews the relationship); an express opt-in and a confirmed double opt-in are never replaced.
    /// </summary>
    /// <param name="current">The number's standing now.</param>
    /// <returns><see langword="true"/> when the store should write the grant.</returns>
    public bool Replaces(OptInStanding current) =>
        current.Level == OptInLevel.None
        || (current.Level == OptInLevel.OptedIn && current.Basis != ConsentBasis.Express
            && (Basis == ConsentBasis.Express || (current.ExpiresAt is { } was && (ExpiresAt is not { } will || will > was))));
}
