namespace SmsOptOut.Webhooks.Internal;

/// <summary>Raised at connect time when the callback host resolves to an address webhooks may not reach.</summary>
internal sealed class WebhookAddressRefusedException(string message) : IOException(message);
