using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Privacy;

/// <summary>
/// A person's access, erasure or objection request as it arrived, for <see cref="IDataSubjectService.RecordRequestAsync"/>:
/// SmsOptOut computes its due date from <see cref="Law"/> and keeps it, without the person's number, until it is closed.
/// </summary>
/// <param name="Reference">
/// Your reference for the request (a ticket id), unique across the deployment: 1 to 200 printable characters, no digits
/// of the person's number. Give the same reference to <see cref="ErasureRequest.RequestId"/> and the erasure closes the request.
/// </param>
/// <param name="Kind">What the person asked for.</param>
/// <param name="Law">The law it is answered under, which sets the deadline.</param>
public sealed record DataSubjectRequest(string Reference, DataSubjectRequestKind Kind, DataProtectionLaw Law)
{
    /// <summary>The account the request concerns, or <see langword="null"/> (the default) for every account.</summary>
    public AccountId? Account { get; init; }

    /// <summary>
    /// When the request arrived; the current time when <see langword="null"/> (the default). It may be in the past (a
    /// request logged a few days late: the deadline still runs from receipt), never in the future.
    /// </summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>
    /// The person's number, when you have it: used only to refuse a <see cref="Reference"/> that contains its digits,
    /// and never stored (the request's record must not hold the number).
    /// </summary>
    public PhoneNumber? Number { get; init; }
}
