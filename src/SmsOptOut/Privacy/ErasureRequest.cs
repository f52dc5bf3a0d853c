using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Privacy;

/// <summary>A person's request to be erased (GDPR Art. 17), for <see cref="IDataSubjectService.EraseAsync"/>.</summary>
/// <param name="Number">The person's number.</param>
/// <param name="RequestId">Your reference for the request (a ticket id), kept in the audit record: 1 to 200 printable characters, no digits of the number.</param>
/// <param name="Reason">Why, kept in the audit record (for example "GDPR Art. 17 request by e-mail"): up to 500 printable characters, no digits of the number.</param>
public sealed record ErasureRequest(PhoneNumber Number, string RequestId, string Reason)
{
    /// <summary>The account to erase the number from, or <see langword="null"/> (the default) for every account that holds it.</summary>
    public AccountId? Account { get; init; }
}
