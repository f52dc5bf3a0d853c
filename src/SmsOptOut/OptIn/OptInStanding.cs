namespace SmsOptOut.OptIn;

/// <summary>What a send needs to know of a number's consent: its level, basis and expiry (<see cref="IOptInStore.GetStandingsAsync"/>).</summary>
/// <param name="Level">The level recorded.</param>
/// <param name="Basis">What it rests on.</param>
/// <param name="ExpiresAt">When an implied consent lapses; <see langword="null"/> when it does not.</param>
public readonly record struct OptInStanding(OptInLevel Level, ConsentBasis Basis, DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether the consent has lapsed at <paramref name="now"/>.</summary>
    /// <param name="now">The instant.</param>
    /// <returns><see langword="true"/> when it expired at or before <paramref name="now"/>.</returns>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;

    /// <summary>The level that holds at <paramref name="now"/>: <see cref="OptInLevel.None"/> once an implied consent has lapsed.</summary>
    /// <param name="now">The instant.</param>
    /// <returns>The level.</returns>
    public OptInLevel LevelAt(DateTimeOffset now) => IsExpired(now) ? OptInLevel.None : Level;

    /// <summary>
    /// Whether the number has an established business relationship with the sender at <paramref name="now"/>: an
    /// unexpired consent resting on a purchase or an inquiry (47 CFR 64.1200(f)(5)). An opt-out deletes the record, so a
    /// do-not-call request ends it.
    /// </summary>
    /// <param name="now">The instant.</param>
    /// <returns><see langword="true"/> when it has.</returns>
    public bool IsEstablishedBusinessRelationship(DateTimeOffset now) =>
        Level != OptInLevel.None && Basis is ConsentBasis.Purchase or ConsentBasis.Inquiry && !IsExpired(now);
}
