using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.OptIn;

/// <summary>The opt-in of one number to one account: its level, the evidence that reached it, and the double opt-in request.</summary>
/// <param name="Account">The account.</param>
/// <param name="Number">The number.</param>
public sealed record OptInRecord(AccountId Account, PhoneNumber Number)
{
    /// <summary>The consent reached; <see cref="OptInLevel.None"/> while only a request is pending.</summary>
    public OptInLevel Level { get; init; }

    /// <summary>When <see cref="Level"/> was reached; <see langword="null"/> at <see cref="OptInLevel.None"/>.</summary>
    public DateTimeOffset? LevelAt { get; init; }

    /// <summary>What proves <see cref="Level"/>: for a double opt-in the YES reply (message text, provider and message id).</summary>
    public ConsentEvidence Evidence { get; init; } = ConsentEvidence.None;

    /// <summary>What <see cref="Level"/> rests on: express consent, or a relationship that implies it (a purchase, an inquiry…).</summary>
    public ConsentBasis Basis { get; init; }

    /// <summary>When an implied consent lapses (<see cref="ConsentOptions.Lifetimes"/>); <see langword="null"/> when it does not.</summary>
    public DateTimeOffset? ConsentExpiresAt { get; init; }

    /// <summary>The level, basis and expiry, as a send reads them.</summary>
    public OptInStanding Standing => new(Level, Basis, ConsentExpiresAt);

    /// <summary>The latest double opt-in request, pending or, once confirmed, kept as proof of the sign-up.</summary>
    public OptInConfirmationRequest? Request { get; init; }

    /// <summary>Whether a YES at <paramref name="now"/> would confirm <see cref="Request"/>.</summary>
    /// <param name="now">The instant.</param>
    /// <returns><see langword="true"/> when a request is pending and unexpired.</returns>
    public bool IsPending(DateTimeOffset now) => Level != OptInLevel.Confirmed && Request is { } r && r.ExpiresAt > now;
}
