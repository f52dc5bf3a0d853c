using System.Collections.Frozen;

namespace SmsOptOut.Sending;

/// <content>
/// The United States presets: the federal rule and every state whose calling-hours law was found to cover texts
/// (docs/sending.md#calling-hours-by-state lists them with the states rejected and why). The states are named, not
/// their area codes: libphonenumber's geocoding data decides which area codes are in a state. The presets bind what
/// their purpose's rules say (marketing, by default) and are a starting point your counsel should confirm.
/// </content>
public sealed partial record QuietHoursRule
{
    /// <summary>
    /// The federal rule: 8 a.m. to 9 p.m. at the called party's location, US numbers (47 CFR 64.1200(c)(1), extended to
    /// wireless numbers by 64.1200(e)); long in force, so no <see cref="EffectiveFrom"/>.
    /// </summary>
    public static QuietHoursRule UnitedStatesFederal { get; } = new()
    {
        Name = "TCPA 47 CFR 64.1200(c)(1)", Earliest = new(8, 0), Latest = new(21, 0), Region = "US",
        Source = new("https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200"),
    };

    /// <summary>
    /// Connecticut: 9 a.m. to 8 p.m. local time (Conn. Gen. Stat. 42-288a(c), as amended by P.A. 23-98 (SB 1058)), from
    /// 1 October 2023 (before: 9 a.m. to 9 p.m.). Texts covered: a "marketing or sales solicitation" is "a telephone
    /// call or message, including ... a text or media message" (42-288a(a)(7)); 42-288(c) presumes a call to a
    /// Connecticut area code takes place in the state. The window is read in secondary sources only. Source:
    /// <see href="https://www.lawserver.com/law/state/connecticut/ct-laws/connecticut_statutes_42-288a"/>.
    /// </summary>
    public static QuietHoursRule Connecticut { get; } = State("CT", "Connecticut, Conn. Gen. Stat. 42-288a(c)", 9, 20, new(2023, 10, 1),
        "https://www.lawserver.com/law/state/connecticut/ct-laws/connecticut_statutes_42-288a");

    /// <summary>
    /// New York: 8 a.m. to 9 p.m. at the location of the customer, unless the customer consented to another time
    /// (N.Y. Gen. Bus. Law 399-z(2)); texts covered since 12 August 2021 ("telemarketer" includes one who "makes ...
    /// electronic messaging texts", 399-z(1)). The same window as the federal rule, by area code. Source:
    /// <see href="https://www.nysenate.gov/legislation/laws/GBS/399-Z/"/>.
    /// </summary>
    public static QuietHoursRule NewYork { get; } = State("NY", "New York, N.Y. Gen. Bus. Law 399-z(2)", 8, 21, new(2021, 8, 12),
        "https://www.nysenate.gov/legislation/laws/GBS/399-Z/");

    /// <summary>
    /// Virginia: 8 a.m. to 9 p.m. local time at the called person's location, unless prior consent (Va. Code 59.1-511);
    /// a "telephone solicitation call" includes "any text message sent to any wireless telephone with a Virginia area
    /// code" (59.1-510, added by 2020 HB 1244 / SB 812; in force 1 July 2020 presumed, the usual date of Virginia acts, not
    /// verified). The same window as the federal rule. Source:
    /// <see href="https://law.lis.virginia.gov/vacodepopularnames/virginia-telephone-privacy-protection-act/"/>.
    /// </summary>
    public static QuietHoursRule Virginia { get; } = State("VA", "Virginia, Va. Code 59.1-511", 8, 21, new(2020, 7, 1),
        "https://law.lis.virginia.gov/vacodepopularnames/virginia-telephone-privacy-protection-act/");

    /// <summary>
    /// South Carolina: 8 a.m. to 9 p.m. local time at the consumer's location, unless prior written consent (S.C. Code
    /// 37-21-30, Telephone Privacy Protection Act, 2018 Act No. 218), from 18 May 2018; a "telephone solicitation"
    /// includes "a text or media message sent ... to a wireless telephone with a South Carolina area code"
    /// (37-21-20(6), official code). The window is read in secondary sources only. Source:
    /// <see href="https://scstatehouse.gov/Archives/CodeofLaws2021/t37c021.php"/>.
    /// </summary>
    public static QuietHoursRule SouthCarolina { get; } = State("SC", "South Carolina, S.C. Code 37-21-30", 8, 21, new(2018, 5, 18),
        "https://scstatehouse.gov/Archives/CodeofLaws2021/t37c021.php");

    /// <summary>
    /// Mississippi: 8 a.m. to 8 p.m. <b>Central Standard Time</b>, a fixed clock (UTC−6 all year: 9 a.m. to 9 p.m. by
    /// the clocks of a Mississippi summer), and no message on a Sunday (Miss. Code 77-3-723(1)). Texts covered: a
    /// "telephone solicitation" is "any voice or text message communication" (77-3-705(d), texts added by 2019 SB 2821; in
    /// force 1 July 2019 presumed, the usual date of Mississippi acts, not verified). The legal-holiday ban of the
    /// repealed Public Service Commission rules is not applied. Source:
    /// <see href="https://getpocketlaw.com/law/state_mississippi/section-77-3-723-rules-for-authorized-calls_57b73fa7ff73"/>.
    /// </summary>
    public static QuietHoursRule Mississippi { get; } = State("MS", "Mississippi, Miss. Code 77-3-723", 8, 20, new(2019, 7, 1),
        "https://getpocketlaw.com/law/state_mississippi/section-77-3-723-rules-for-authorized-calls_57b73fa7ff73") with
    {
        Clocks = ["UTC-06:00"],
        Weekdays = new Dictionary<DayOfWeek, DailyWindow?> { [DayOfWeek.Sunday] = null }.ToFrozenDictionary(),
    };

    /// <summary>
    /// Florida: 8 a.m. to 8 p.m. at the called person's location (Fla. Stat. 501.616(6)(a), the Florida Telemarketing
    /// Act, part IV of chapter 501, as amended by SB 1120 (2021), ch. 2021-185), from 1 July 2021; the s. 501.604
    /// exemptions do not lift it. Texts are <b>not named</b>: a "commercial telephone solicitation" is an unsolicited
    /// telephone call or other communication inviting a telephone response (501.603), so applying the window to texts is
    /// the cautious reading, not settled law. Source: <see href="https://flsenate.gov/Session/Bill/2021/1120/BillText/er/HTML"/>.
    /// </summary>
    public static QuietHoursRule Florida { get; } = State("FL", "Florida Telemarketing Act, Fla. Stat. 501.616(6)(a)", 8, 20, new(2021, 7, 1),
        "https://flsenate.gov/Session/Bill/2021/1120/BillText/er/HTML");

    /// <summary>
    /// Oklahoma: 8 a.m. to 8 p.m. local time (Telephone Solicitation Act of 2022, 15 O.S. 775C.1 ff., HB 3168), from
    /// 1 November 2022. Texts covered by secondary reading (the act's consent definition names "text message"); the
    /// hours subsection was not read, only summaries. Source (enrolled bill):
    /// <see href="https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest"/>.
    /// </summary>
    public static QuietHoursRule Oklahoma { get; } = State("OK", "Oklahoma Telephone Solicitation Act, 15 O.S. 775C.1 ff.", 8, 20, new(2022, 11, 1),
        "https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest");

    /// <summary>
    /// Maryland: 8 a.m. to 8 p.m. in the called party's time zone (Stop the Spam Calls Act of 2023, Md. Code Com. Law
    /// 14-4502, SB 90 / HB 37, 2023 ch. 414), from 1 January 2024. Texts covered by secondary reading (14-4501(d) names
    /// "text message"; summaries speak of "calls or text messages"). Source:
    /// <see href="https://lexace.ai/us/statute/maryland/CL-14-4502"/>.
    /// </summary>
    public static QuietHoursRule Maryland { get; } = State("MD", "Maryland Stop the Spam Calls Act, Md. Code Com. Law 14-4502", 8, 20, new(2024, 1, 1),
        "https://lexace.ai/us/statute/maryland/CL-14-4502");

    /// <summary>
    /// Oregon: 8 a.m. to 8 p.m. (ORS 646.561 ff. as amended by HB 3865 (2025), which adds text messages to "telephone
    /// solicitation" and lets a sender rely on the area code of a mobile number), from <b>1 January 2026</b> (before: 9
    /// p.m., voice only). Read in secondary sources only (the enrolled text was not read). Source:
    /// <see href="https://production.jdsupra.com/legalnews/oregon-passes-new-telephone-8210765"/>.
    /// </summary>
    public static QuietHoursRule Oregon { get; } = State("OR", "Oregon, ORS 646.561 ff. as amended by HB 3865 (2025)", 8, 20, new(2026, 1, 1),
        "https://production.jdsupra.com/legalnews/oregon-passes-new-telephone-8210765");

    /// <summary>
    /// Texas: 9 a.m. to 9 p.m. Monday to Saturday and noon to 9 p.m. on Sunday (Tex. Bus. &amp; Com. Code 301.051, as
    /// reported), applied to texts from 1 September 2025 (SB 140). Two things are uncertain. Texts: SB 140 brought texts
    /// into chapter 302 (registration), while the hours sit in chapter 301, which it did not amend — law firms apply them to
    /// texts anyway, the cautious reading. The clock: one source says "Texas local time (i.e., Central time zone)", another
    /// "recipient's local time"; the preset accepts <b>both</b> readings, so a message must be inside the window on the
    /// recipient's clock and on Central time (<c>America/Chicago</c>) — in El Paso's Mountain time, 9 a.m. to 8 p.m.
    /// Source: <see href="https://www.foster.com/newsroom-alerts-texas-expands-telemarketing-law-to-cover-text-messagesms-marketing-what-companies-need-to-know"/>.
    /// </summary>
    public static QuietHoursRule Texas { get; } = State("TX", "Texas, Tex. Bus. & Com. Code 301.051", 9, 21, new(2025, 9, 1),
        "https://www.foster.com/newsroom-alerts-texas-expands-telemarketing-law-to-cover-text-messagesms-marketing-what-companies-need-to-know") with
    {
        Clocks = [RecipientLocalTime, "America/Chicago"],
        Weekdays = new Dictionary<DayOfWeek, DailyWindow?> { [DayOfWeek.Sunday] = new(new(12, 0), new(21, 0)) }.ToFrozenDictionary(),
    };

    /// <summary>
    /// Every state preset, to add them all at once (with <see cref="UnitedStatesFederal"/>, which is not among them):
    /// <see cref="Connecticut"/>, <see cref="NewYork"/>, <see cref="Virginia"/>, <see cref="SouthCarolina"/>,
    /// <see cref="Mississippi"/>, <see cref="Florida"/>, <see cref="Oklahoma"/>, <see cref="Maryland"/>,
    /// <see cref="Oregon"/> and <see cref="Texas"/>. Each covers only its state's numbers, from its effective date.
    /// </summary>
    public static IReadOnlyList<QuietHoursRule> UnitedStatesStates { get; } =
        [Connecticut, NewYork, Virginia, SouthCarolina, Mississippi, Florida, Oklahoma, Maryland, Oregon, Texas];

    private static QuietHoursRule State(string state, string name, int earliest, int latest, DateOnly effectiveFrom, string source) => new()
    {
        Name = name, Earliest = new(earliest, 0), Latest = new(latest, 0), Region = "US", States = new[] { state }.ToFrozenSet(StringComparer.Ordinal),
        EffectiveFrom = effectiveFrom, Source = new(source),
    };
}
