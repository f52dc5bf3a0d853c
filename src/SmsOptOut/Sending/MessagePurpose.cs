namespace SmsOptOut.Sending;

/// <summary>
/// What a message is for, which decides the rules that bind it (<see cref="SendingOptions.PurposeRules"/>): the opt-out
/// rules bind every message, calling hours, the Do-Not-Call registry and frequency caps bind marketing. Every send has a
/// purpose; without one it is <see cref="SendingOptions.DefaultPurpose"/> (marketing, so no send escapes the rules by
/// omission). See docs/sending.md for each purpose's sources and examples.
/// </summary>
public enum MessagePurpose
{
    /// <summary>
    /// Promotes a product, service or the sender itself: a "telephone solicitation" / "advertisement" (47 CFR
    /// 64.1200(f)(1), (f)(15)), a commercial electronic message (CASL s. 1(2)), direct marketing (ePrivacy Art. 13, PECR
    /// reg. 22). Sales, offers, newsletters, "we miss you".
    /// </summary>
    Marketing = 1,

    /// <summary>
    /// Informs without promoting, not in answer to a transaction the person started: service outages, school closures,
    /// fraud alerts, appointment reminders. Not a telephone solicitation; the opt-out rules still bind it.
    /// </summary>
    Informational = 2,

    /// <summary>
    /// Completes or confirms a transaction the person started, or delivers what they bought or asked for (CASL s. 6(6)):
    /// a one-time code, an order confirmation, a delivery notice, a receipt, a warranty or safety notice.
    /// </summary>
    Transactional = 3,
}
