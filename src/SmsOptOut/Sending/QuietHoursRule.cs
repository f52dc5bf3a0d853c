namespace SmsOptOut.Sending;

/// <summary>
/// When messages bound by calling hours may reach a recipient: a daily window (with other hours, or none, on some
/// weekdays), read on the recipient's local clock (every time zone of the number; a number spanning several takes the
/// most restrictive) or on a fixed clock the law names (<see cref="Clocks"/>), for the numbers of a region, of some US
/// states or of some area codes, from the date the law takes effect. Recipients outside the window are deferred, not
/// sent, and reported with the earliest instant they may be messaged. Add the rules that apply to you to
/// <c>SmsOptOutOptions.Sending.QuietHours</c>: <see cref="UnitedStatesFederal"/> and the states' presets
/// (<see cref="UnitedStatesStates"/>, each with its statute, <see cref="EffectiveFrom"/> and <see cref="Source"/>).
/// </summary>
public sealed partial record QuietHoursRule
{
    /// <summary>The rule's name, reported with each deferral (for example <c>TCPA</c>).</summary>
    public string Name { get; init; } = "quiet hours";

    /// <summary>The earliest local time a message may arrive.</summary>
    public TimeOnly Earliest { get; init; } = new(8, 0);

    /// <summary>The local time from which messages must wait for the next day (exclusive).</summary>
    public TimeOnly Latest { get; init; } = new(21, 0);

    /// <summary>
    /// The days whose hours differ from <see cref="Earliest"/>–<see cref="Latest"/> (Texas: noon to 9 p.m. on Sundays), by
    /// local weekday; a day mapped to <see langword="null"/> allows no message at all. <see langword="null"/> (the default):
    /// every day has the same hours.
    /// </summary>
    public IReadOnlyDictionary<DayOfWeek, DailyWindow?>? Weekdays { get; init; }

    /// <summary>The hours of <paramref name="day"/>, or <see langword="null"/> when the rule allows no message that day.</summary>
    /// <param name="day">A local weekday.</param>
    /// <returns>The window.</returns>
    public DailyWindow? WindowOn(DayOfWeek day) =>
        Weekdays is { } days && days.TryGetValue(day, out var window) ? window : new DailyWindow(Earliest, Latest);

    /// <summary>Whether the window of <paramref name="day"/> holds <paramref name="time"/>: <see cref="WindowOn"/> without allocating a window.</summary>
    internal bool Allows(DayOfWeek day, TimeOnly time) =>
        Weekdays is { } days && days.TryGetValue(day, out var window) ? window is not null && window.Contains(time) : DailyWindow.Contains(Earliest, Latest, time);

    /// <summary>The ISO 3166 region whose numbers the rule covers (<c>US</c>); <see langword="null"/> for every number.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// The US states whose numbers the rule covers, by USPS code, upper case (<c>FL</c>, <c>TX</c>, <c>DC</c>; the 50
    /// states and the District of Columbia; with <see cref="Region"/> <c>US</c>, which makes each the ISO 3166-2 code
    /// <c>US-FL</c>). A number is in a state when libphonenumber's geocoding data places its area code there; an area
    /// code the data places in several states counts for each, and one it places in none (toll-free, 500-series, an
    /// overlay newer than the data) for none. <see langword="null"/> (the default) for no state filter.
    /// </summary>
    public IReadOnlySet<string>? States { get; init; }

    /// <summary>
    /// For North American numbers: area codes the rule covers besides those of <see cref="States"/> — for an overlay
    /// newer than the geocoding data, or, with <see cref="States"/> <see langword="null"/>, exactly these area codes.
    /// <see langword="null"/> (the default) for none.
    /// </summary>
    public IReadOnlySet<int>? AreaCodes { get; init; }

    /// <summary>
    /// The clocks the window is read on; a message must be inside it on every one. Each is
    /// <see cref="RecipientLocalTime"/> (every time zone of the number), a fixed offset from UTC written
    /// <c>UTC-06:00</c> (no daylight saving: Mississippi's "Central Standard Time"), or a time zone id the machine knows
    /// (<c>America/Chicago</c>, daylight saving followed). <see langword="null"/> (the default): the recipient's local time.
    /// </summary>
    public IReadOnlyList<string>? Clocks { get; init; }

    /// <summary>
    /// The first day the rule applies, on its clock (a message whose local date is earlier is not bound by it; a
    /// deferral that runs into the date is bound from then on); <see langword="null"/> (the default): always.
    /// </summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>Where the rule's text, or the best source found for it, can be read.</summary>
    public Uri? Source { get; init; }

    /// <summary>The value of <see cref="Clocks"/> for the recipient's local time: <c>recipient</c>.</summary>
    public const string RecipientLocalTime = "recipient";

    /// <summary>
    /// The sending addresses whose messages the rule covers, by type (for example only <see cref="SenderTypes.ShortCode"/>
    /// campaigns); <see cref="SenderTypes.All"/> (the default) for every send.
    /// </summary>
    public SenderTypes Senders { get; init; } = SenderTypes.All;

    /// <summary>Whether the rule covers messages sent from <paramref name="sender"/>.</summary>
    /// <param name="sender">The sending address, or <see langword="null"/> for the transport's own.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Covers(Numbers.SenderAddress? sender) => (Senders & TypeOf(sender)) != 0;

    private static SenderTypes TypeOf(Numbers.SenderAddress? sender) => sender switch
    {
        null => SenderTypes.Unspecified,
        { Kind: Numbers.SenderAddressKind.ShortCode } => SenderTypes.ShortCode,
        { Kind: Numbers.SenderAddressKind.Alphanumeric } => SenderTypes.Alphanumeric,
        { IsTollFree: true } => SenderTypes.TollFree,
        _ => SenderTypes.LongCode,
    };
}
