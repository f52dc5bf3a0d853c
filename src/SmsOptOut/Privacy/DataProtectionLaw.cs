namespace SmsOptOut.Privacy;

/// <summary>
/// The law a <see cref="DataSubjectRequest"/> is answered under; it sets the deadline and any extension
/// (docs/compliance.md, "Request deadlines", with each source). The values are stored: they never change.
/// </summary>
public enum DataProtectionLaw
{
    /// <summary>EU GDPR Art. 12(3): one month from receipt; extendable once, by two further months (three from receipt), telling the person within the first month.</summary>
    Gdpr = 0,

    /// <summary>UK GDPR Art. 12(3): as the EU GDPR — one month, extendable by two further months within the first.</summary>
    UkGdpr = 1,

    /// <summary>California CCPA/CPRA, Civ. Code 1798.130(a)(2): 45 days from receipt; extendable once, by 45 more days, with notice within the first 45.</summary>
    Ccpa = 2,

    /// <summary>Canada PIPEDA s. 8(3)–(4): 30 days from receipt; extendable by 30 more days (8(4)(a)), with notice within the first 30.</summary>
    Pipeda = 3,

    /// <summary>
    /// Québec's private-sector act (CQLR c. P-39.1) s. 32: 30 days from receipt, without extension. The sources disagree
    /// (one secondary source claims 30 more days; the text read has none): SmsOptOut takes the strict reading and
    /// refuses to extend.
    /// </summary>
    Quebec = 4,
}
