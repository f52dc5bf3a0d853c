namespace SmsOptOut.Sending;

/// <summary>
/// When list messages may reach a recipient, in the recipient's local time (from the number's time zones; a number
/// spanning several takes the most restrictive). Recipients outside the window are deferred, not sent, and reported
/// with the earliest instant they may be messaged. Add the rules that apply to you to <c>SmsOptOutOptions.Sending.QuietHours</c>.
/// </summary>
public sealed record QuietHoursRule
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

    /// <summary>The ISO 3166 region whose numbers the rule covers (<c>US</c>); <see langword="null"/> for every number.</summary>
    public string? Region { get; init; }

    /// <summary>For North American numbers: the area codes the rule covers (a state's); <see langword="null"/> for the whole region.</summary>
    public IReadOnlySet<int>? AreaCodes { get; init; }

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

    /// <summary>The federal rule: 8 a.m. to 9 p.m. at the called party's location, US numbers (47 CFR 64.1200(c)(1)).</summary>
    public static QuietHoursRule UnitedStatesFederal { get; } = new() { Name = "TCPA 47 CFR 64.1200(c)(1)", Earliest = new(8, 0), Latest = new(21, 0), Region = "US" };

    /// <summary>Florida: 8 a.m. to 8 p.m. for numbers with a Florida area code (Fla. Stat. 501.616(6)(a), as amended by SB 1120 in 2021).</summary>
    public static QuietHoursRule Florida { get; } = new()
    {
        Name = "Florida, Fla. Stat. 501.616(6)(a)", Earliest = new(8, 0), Latest = new(20, 0), Region = "US",
        AreaCodes = new HashSet<int> { 239, 305, 321, 324, 352, 386, 407, 448, 561, 645, 656, 689, 727, 728, 754, 772, 786, 813, 850, 863, 904, 941, 954 },
    };

    /// <summary>Maryland's Stop the Spam Calls Act: 8 a.m. to 8 p.m. for numbers with a Maryland area code (Md. Code Com. Law 14-4501 ff.).</summary>
    public static QuietHoursRule Maryland { get; } = new()
    {
        Name = "Maryland Stop the Spam Calls Act, Com. Law 14-4501 ff.", Earliest = new(8, 0), Latest = new(20, 0), Region = "US", AreaCodes = new HashSet<int> { 227, 240, 301, 410, 443, 667 },
    };

    /// <summary>Oklahoma's Telephone Solicitation Act of 2022: 8 a.m. to 8 p.m. for numbers with an Oklahoma area code (15 O.S. 775C.1 ff.).</summary>
    public static QuietHoursRule Oklahoma { get; } = new()
    {
        Name = "Oklahoma Telephone Solicitation Act, 15 O.S. 775C.1 ff.", Earliest = new(8, 0), Latest = new(20, 0), Region = "US", AreaCodes = new HashSet<int> { 405, 539, 572, 580, 918 },
    };
}
