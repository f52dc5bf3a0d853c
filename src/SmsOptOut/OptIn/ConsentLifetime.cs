using SmsOptOut.Compliance;

namespace SmsOptOut.OptIn;

/// <summary>
/// How long an implied consent of one <see cref="Basis"/> lasts under one jurisdiction's law. A row applies to a consent
/// when the number belongs to <see cref="Region"/> or the host sends under <see cref="Profile"/>; when several apply the
/// shortest wins. Rows live in <see cref="ConsentOptions.Lifetimes"/>.
/// </summary>
public sealed record ConsentLifetime
{
    /// <summary>The basis the row limits (not <see cref="ConsentBasis.Express"/>, which has no statutory expiry).</summary>
    public required ConsentBasis Basis { get; init; }

    /// <summary>The period, in calendar months from the basis date.</summary>
    public required int Months { get; init; }

    /// <summary>The ISO 3166-1 region of the numbers the law protects (<c>US</c>, <c>CA</c>); <see langword="null"/> for every number.</summary>
    public string? Region { get; init; }

    /// <summary>The profile under which the row applies to every number (a Canadian sender is bound by CASL wherever it texts); <see cref="ComplianceProfiles.None"/> for none.</summary>
    public ComplianceProfiles Profile { get; init; }

    /// <summary>The provision the period comes from, shown beside an expiry.</summary>
    public string Source { get; init; } = "";

    /// <summary>CASL s. 10(10)(a)–(c): 2 years after a purchase, lease, barter or written contract.</summary>
    public static ConsentLifetime CanadaPurchase { get; } = new()
    {
        Basis = ConsentBasis.Purchase, Months = 24, Region = "CA", Profile = ComplianceProfiles.Canada,
        Source = "CASL s. 10(10)(a)-(c), https://laws-lois.justice.gc.ca/eng/acts/E-1.6/page-2.html",
    };

    /// <summary>CASL s. 10(10)(d), (e): 6 months after an inquiry or application.</summary>
    public static ConsentLifetime CanadaInquiry { get; } = new()
    {
        Basis = ConsentBasis.Inquiry, Months = 6, Region = "CA", Profile = ComplianceProfiles.Canada,
        Source = "CASL s. 10(10)(d)-(e), https://laws-lois.justice.gc.ca/eng/acts/E-1.6/page-2.html",
    };

    /// <summary>CASL s. 10(13), (14)(b): 2 years after a membership ends.</summary>
    public static ConsentLifetime CanadaMembership { get; } = new()
    {
        Basis = ConsentBasis.Membership, Months = 24, Region = "CA", Profile = ComplianceProfiles.Canada,
        Source = "CASL s. 10(13)-(14), https://laws-lois.justice.gc.ca/eng/acts/E-1.6/page-2.html",
    };

    /// <summary>47 CFR 64.1200(f)(5): an established business relationship lasts 18 months after a purchase or transaction.</summary>
    public static ConsentLifetime UnitedStatesPurchase { get; } = new()
    {
        Basis = ConsentBasis.Purchase, Months = 18, Region = "US", Profile = ComplianceProfiles.UnitedStates,
        Source = "47 CFR 64.1200(f)(5), https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200",
    };

    /// <summary>47 CFR 64.1200(f)(5): an established business relationship lasts 3 months after an inquiry or application.</summary>
    public static ConsentLifetime UnitedStatesInquiry { get; } = new()
    {
        Basis = ConsentBasis.Inquiry, Months = 3, Region = "US", Profile = ComplianceProfiles.UnitedStates,
        Source = "47 CFR 64.1200(f)(5), https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200",
    };
}
