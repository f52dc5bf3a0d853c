using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.OptIn;

/// <summary>A sign-up to record through <see cref="IOptInService"/>.</summary>
/// <param name="Account">The account the person signs up to.</param>
/// <param name="Number">The person's number.</param>
public sealed record OptInRequest(AccountId Account, PhoneNumber Number)
{
    /// <summary>
    /// What proves the sign-up. From a web form: <see cref="ConsentEvidence.PageUrl"/>, <see cref="ConsentEvidence.IpAddress"/>,
    /// <see cref="ConsentEvidence.UserAgent"/> and the exact <see cref="ConsentEvidence.DisclosureText"/> shown beside the checkbox.
    /// </summary>
    public ConsentEvidence Evidence { get; init; } = ConsentEvidence.None;

    /// <summary>
    /// What the consent rests on (<see cref="IOptInService.RecordOptInAsync"/> only; a double opt-in is always express).
    /// <see cref="ConsentBasis.Express"/> by default; an implied basis lapses after its period in <see cref="ConsentOptions.Lifetimes"/>.
    /// </summary>
    public ConsentBasis Basis { get; init; }

    /// <summary>
    /// The date the basis arose — the purchase, the inquiry, the end of a membership — from which its period is counted;
    /// <see langword="null"/> for now. Must not be in the future.
    /// </summary>
    public DateTimeOffset? BasisAt { get; init; }

    /// <summary>The address the confirmation text is sent from (a YES comes back to it); <see langword="null"/> lets the transport choose.</summary>
    public SenderAddress? From { get; init; }
}
