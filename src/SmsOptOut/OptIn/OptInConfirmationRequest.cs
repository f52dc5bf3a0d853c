using SmsOptOut.Consent;

namespace SmsOptOut.OptIn;

/// <summary>A request for a double opt-in: the sign-up that sent the confirmation text, kept as proof after the person confirms.</summary>
/// <param name="RequestedAt">When the sign-up was recorded and the confirmation text sent.</param>
/// <param name="ExpiresAt">Until when a YES confirms it.</param>
/// <param name="Evidence">What proves the sign-up: form page, client address, user agent, the disclosure text shown, or the keyword message.</param>
public sealed record OptInConfirmationRequest(DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt, ConsentEvidence Evidence);
