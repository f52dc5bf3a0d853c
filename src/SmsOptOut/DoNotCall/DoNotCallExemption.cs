namespace SmsOptOut.DoNotCall;

/// <summary>
/// Why a list send may skip the Do-Not-Call registry (47 CFR 64.1200(c)(2), (f)(15)). The exemption is the host's to
/// justify; it is recorded on the send's log line.
/// </summary>
public enum DoNotCallExemption
{
    /// <summary>No exemption (the default): the list is marketing and numbers on the registry are skipped.</summary>
    None = 0,

    /// <summary>Not marketing: account notices, receipts, appointment reminders, one-time codes.</summary>
    Transactional = 1,

    /// <summary>Every recipient has an established business relationship with the sender (a purchase within 18 months, an inquiry within 3).</summary>
    EstablishedBusinessRelationship = 2,

    /// <summary>Every recipient gave a signed, written invitation or permission to be contacted.</summary>
    PriorExpressInvitation = 3,
}
