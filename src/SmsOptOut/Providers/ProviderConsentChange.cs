using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>An opt-out or opt-in a provider reported, to be recorded through <c>IOptOutService</c>.</summary>
/// <param name="Kind">Opt-out or opt-in.</param>
/// <param name="Request">Who, through which source, with what evidence, and the provider's idempotency key.</param>
public sealed record ProviderConsentChange(ConsentKind Kind, ConsentRequest Request);
