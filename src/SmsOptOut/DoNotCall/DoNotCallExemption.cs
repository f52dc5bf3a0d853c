namespace SmsOptOut.DoNotCall;

/// <summary>
/// Why a send may reach numbers on the Do-Not-Call registry (47 CFR 64.1200(c)(2), (f)(15)). Relationship and permission
/// exemptions are checked per recipient against the consent recorded for it; the exemption is recorded on the send's log line.
/// </summary>
public enum DoNotCallExemption
{
    /// <summary>No exemption (the default): the list is marketing and numbers on the registry are skipped.</summary>
    None = 0,

    /// <summary>Not marketing: account notices, receipts, appointment reminders, one-time codes.</summary>
    Transactional = 1,

    /// <summary>
    /// Recipients with an established business relationship with the sender may be messaged although they are on the
    /// registry: each one's own record must show it — a consent resting on a purchase or an inquiry
    /// (<c>OptIn.ConsentBasis</c>) that has not expired (18 months and 3 months under 47 CFR 64.1200(f)(5), see
    /// <c>SmsOptOutOptions.Consent.Lifetimes</c>). An opt-out, the company-specific do-not-call request, ends it. The
    /// other listed recipients are skipped with the reason.
    /// </summary>
    EstablishedBusinessRelationship = 2,

    /// <summary>
    /// Recipients who gave their express invitation or permission may be messaged although they are on the registry: each
    /// one's own record must hold an express opt-in (<c>OptIn.ConsentBasis.Express</c>, single or double). The other
    /// listed recipients are skipped with the reason.
    /// </summary>
    PriorExpressInvitation = 3,
}
