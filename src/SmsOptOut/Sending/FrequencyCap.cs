namespace SmsOptOut.Sending;

/// <summary>
/// At most <see cref="Messages"/> messages per recipient in any rolling <see cref="Window"/>, counted in the store so
/// the cap holds across app instances, for the numbers of a region, of some US states or of some area codes (every
/// number by default), from the date the law takes effect. Recipients at the cap are skipped and reported
/// (<see cref="RecipientStatus.FrequencyCapped"/>). Add the caps that apply to you to
/// <c>SmsOptOutOptions.Sending.FrequencyCaps</c>: the states' presets are in <see cref="UnitedStatesStates"/>.
/// </summary>
public sealed partial record FrequencyCap
{
    /// <summary>The cap's name, reported with each skip (for example <c>Florida 501.616</c>).</summary>
    public string Name { get; init; } = "frequency cap";

    /// <summary>The most messages in a window: 1 to 1,000.</summary>
    public int Messages { get; init; } = 3;

    /// <summary>The rolling window: more than zero, at most 31 days.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Whether every message of the account counts, only those of the same list, or only those from the same sending address.</summary>
    public FrequencyCapScope Scope { get; init; } = FrequencyCapScope.Account;

    /// <summary>The ISO 3166 region whose numbers the cap covers (<c>US</c>); <see langword="null"/> (the default) for every number.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// The US states whose numbers the cap covers, by USPS code (<c>FL</c>), with <see cref="Region"/> <c>US</c>; decided
    /// as for <see cref="QuietHoursRule.States"/>, from libphonenumber's geocoding data. <see langword="null"/> (the
    /// default) for no state filter.
    /// </summary>
    public IReadOnlySet<string>? States { get; init; }

    /// <summary>
    /// North American area codes the cap covers besides those of <see cref="States"/> (or, with <see cref="States"/>
    /// <see langword="null"/>, exactly these); <see langword="null"/> (the default) for none.
    /// </summary>
    public IReadOnlySet<int>? AreaCodes { get; init; }

    /// <summary>
    /// The first day the cap applies, by the recipient's local date (any of the number's time zones); messages sent
    /// before it are not counted. <see langword="null"/> (the default): always.
    /// </summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>Where the cap's text, or the best source found for it, can be read.</summary>
    public Uri? Source { get; init; }

    /// <summary>
    /// Whether a send that declares an established business relationship
    /// (<see cref="ListSendRequest.DoNotCallExemption"/> or <see cref="SingleSendRequest.DoNotCallExemption"/> =
    /// <see cref="DoNotCall.DoNotCallExemption.EstablishedBusinessRelationship"/>) is not bound by the cap, and not
    /// counted by it (Oregon's). <see langword="false"/> by default.
    /// </summary>
    public bool ExemptWithEstablishedBusinessRelationship { get; init; }
}
