using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Providers;

/// <summary>A consent change to push to a provider.</summary>
/// <param name="Account">The account whose provider account is told.</param>
/// <param name="Number">The number.</param>
/// <param name="Kind">Opt-out or opt-in.</param>
/// <param name="EventId">The consent event, for the provider's idempotency where it has any.</param>
public sealed record ProviderConsentPush(AccountId Account, PhoneNumber Number, ConsentKind Kind, string EventId);
