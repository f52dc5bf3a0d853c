namespace SmsOptOut.OptIn;

/// <summary>
/// What a recorded consent rests on. <see cref="Express"/> consent lasts until it is withdrawn; the others are implied by a
/// relationship and lapse after the period <see cref="ConsentOptions.Lifetimes"/> gives them (CASL s. 10(9)–(14); the
/// TCPA's established business relationship, 47 CFR 64.1200(f)(5)). See docs/opt-in.md.
/// </summary>
public enum ConsentBasis
{
    /// <summary>The person asked for the messages: a sign-up form, a keyword, a confirmed double opt-in. No statutory expiry.</summary>
    Express = 0,

    /// <summary>
    /// A purchase, lease, barter or other transaction with the sender, or a written contract (CASL s. 10(10)(a)–(c): 2 years;
    /// TCPA established business relationship: 18 months). Counted from the transaction (for a contract still running,
    /// record the date it ends).
    /// </summary>
    Purchase = 1,

    /// <summary>An inquiry or application the person made to the sender (CASL s. 10(10)(d), (e): 6 months; TCPA: 3 months).</summary>
    Inquiry = 2,

    /// <summary>Membership of a club, association or voluntary organisation (CASL s. 10(13): 2 years, counted from when it ends).</summary>
    Membership = 3,

    /// <summary>
    /// The number was published conspicuously without a statement refusing messages, and the message relates to the
    /// person's business role (CASL s. 10(9)(b)). No fixed period.
    /// </summary>
    ConspicuousPublication = 4,

    /// <summary>
    /// The person disclosed the number to the sender without refusing messages, and the message relates to their business
    /// role (CASL s. 10(9)(c)). No fixed period.
    /// </summary>
    Disclosure = 5,
}
