namespace SmsOptOut.Privacy.Internal;

/// <summary>
/// How long each law gives to answer a request, and the one extension it allows — docs/compliance.md, "Request
/// deadlines", holds the sources. Computed in UTC from the time of receipt, at the same time of day: the laws count
/// whole days (a period ends at the end of its last day), so this is never later than they allow. A month is the
/// calendar month: one month from 31 January is the last day of February, as <see cref="DateTimeOffset.AddMonths"/>
/// counts — the earlier of the two readings of a month that has no such day.
/// </summary>
internal static class RequestDeadlines
{
    private static readonly Rule Gdpr = new("the GDPR", "Art. 12(3)", r => r.AddMonths(1), r => r.AddMonths(3), true);
    private static readonly Rule UkGdpr = new("the UK GDPR", "Art. 12(3)", r => r.AddMonths(1), r => r.AddMonths(3), true);
    private static readonly Rule Ccpa = new("the CCPA", "Civ. Code 1798.130(a)(2)(A)", r => r.AddDays(45), r => r.AddDays(90), false);
    private static readonly Rule Pipeda = new("PIPEDA", "s. 8(3)-(4)", r => r.AddDays(30), r => r.AddDays(60), false);

    // s. 32 gives 30 days and, in the text read, no extension; one secondary source claims 30 more. The strict reading wins.
    private static readonly Rule Quebec = new("Québec's private-sector act", "P-39.1 s. 32", r => r.AddDays(30), null, false);

    public static Rule For(DataProtectionLaw law) => law switch
    {
        DataProtectionLaw.Gdpr => Gdpr,
        DataProtectionLaw.UkGdpr => UkGdpr,
        DataProtectionLaw.Ccpa => Ccpa,
        DataProtectionLaw.Pipeda => Pipeda,
        DataProtectionLaw.Quebec => Quebec,
        _ => throw new ArgumentOutOfRangeException(nameof(law), law, "Expected a defined DataProtectionLaw."),
    };

    /// <summary>One law's rule.</summary>
    /// <param name="Name">The law, for messages.</param>
    /// <param name="Provision">Where it says so.</param>
    /// <param name="Due">The due date from the time of receipt (UTC).</param>
    /// <param name="Extended">The latest due date an extension may set, from the time of receipt; <see langword="null"/> when the law allows none.</param>
    /// <param name="CoversObjection">Whether its deadline covers an objection to direct marketing (GDPR Art. 12(3) covers Arts. 15 to 22).</param>
    internal sealed record Rule(string Name, string Provision, Func<DateTimeOffset, DateTimeOffset> Due, Func<DateTimeOffset, DateTimeOffset>? Extended, bool CoversObjection);
}
