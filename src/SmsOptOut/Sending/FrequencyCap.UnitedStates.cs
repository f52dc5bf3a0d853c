using System.Collections.Frozen;

namespace SmsOptOut.Sending;

/// <content>
/// The United States presets: the states whose laws cap solicitations per 24 hours, each for its state's numbers (by
/// libphonenumber's geocoding data) from its effective date. A starting point your counsel should confirm.
/// </content>
public sealed partial record FrequencyCap
{
    /// <summary>
    /// Florida: no more than three commercial telephone solicitations to a person over 24 hours on the same subject
    /// matter or issue, "regardless of the phone number used" (Fla. Stat. 501.616(6)(b), the Florida Telemarketing Act,
    /// as amended by SB 1120 (2021), ch. 2021-185), from 1 July 2021; a list stands for a subject (<see cref="FrequencyCapScope.List"/>).
    /// Texts are not named, as for <see cref="QuietHoursRule.Florida"/>: the cautious reading. Source:
    /// <see href="https://flsenate.gov/Session/Bill/2021/1120/BillText/er/HTML"/>.
    /// </summary>
    public static FrequencyCap Florida { get; } = State("FL", "Florida Telemarketing Act, Fla. Stat. 501.616(6)(b)", FrequencyCapScope.List, new(2021, 7, 1),
        "https://flsenate.gov/Session/Bill/2021/1120/BillText/er/HTML");

    /// <summary>
    /// Oklahoma: no more than three commercial telephone solicitations per 24 hours on the same subject matter or issue
    /// (Telephone Solicitation Act of 2022, 15 O.S. 775C.1 ff., HB 3168; subsection not read, secondary sources), from
    /// 1 November 2022; a list stands for a subject. Source (enrolled bill):
    /// <see href="https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest"/>.
    /// </summary>
    public static FrequencyCap Oklahoma { get; } = State("OK", "Oklahoma Telephone Solicitation Act, 15 O.S. 775C.1 ff.", FrequencyCapScope.List, new(2022, 11, 1),
        "https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest");

    /// <summary>
    /// Maryland: no more than three calls or text messages per 24 hours about the same subject to the same called party
    /// (Stop the Spam Calls Act of 2023, Md. Code Com. Law 14-4502, reported as (c)(2); secondary sources), from 1 January
    /// 2024; a list stands for a subject. Source: <see href="https://lexace.ai/us/statute/maryland/CL-14-4502"/>.
    /// </summary>
    public static FrequencyCap Maryland { get; } = State("MD", "Maryland Stop the Spam Calls Act, Md. Code Com. Law 14-4502", FrequencyCapScope.List, new(2024, 1, 1),
        "https://lexace.ai/us/statute/maryland/CL-14-4502");

    /// <summary>
    /// Oregon: no more than three solicitations to a person within 24 hours, whatever the subject
    /// (<see cref="FrequencyCapScope.Account"/>), unless an established business relationship exists (a transaction in
    /// the preceding 18 months) — a send declaring <see cref="DoNotCall.DoNotCallExemption.EstablishedBusinessRelationship"/>
    /// is not bound (ORS 646.563 as amended by HB 3865 (2025); secondary sources), from 1 January 2026. Replies to a
    /// consumer who texted first are outside the law; send them with a purpose the cap does not bind. Source:
    /// <see href="https://production.jdsupra.com/legalnews/oregon-passes-new-telephone-8210765"/>.
    /// </summary>
    public static FrequencyCap Oregon { get; } = State("OR", "Oregon, ORS 646.563 as amended by HB 3865 (2025)", FrequencyCapScope.Account, new(2026, 1, 1),
        "https://production.jdsupra.com/legalnews/oregon-passes-new-telephone-8210765") with { ExemptWithEstablishedBusinessRelationship = true };

    /// <summary>Every state preset, to add them all at once: <see cref="Florida"/>, <see cref="Oklahoma"/>, <see cref="Maryland"/> and <see cref="Oregon"/>.</summary>
    public static IReadOnlyList<FrequencyCap> UnitedStatesStates { get; } = [Florida, Oklahoma, Maryland, Oregon];

    private static FrequencyCap State(string state, string name, FrequencyCapScope scope, DateOnly effectiveFrom, string source) => new()
    {
        Name = name, Messages = 3, Window = TimeSpan.FromHours(24), Scope = scope, Region = "US", States = new[] { state }.ToFrozenSet(StringComparer.Ordinal),
        EffectiveFrom = effectiveFrom, Source = new(source),
    };
}
