namespace SmsOptOut.Webhooks;

/// <summary>Where an account's opt-out webhooks go, and the secrets that sign them.</summary>
/// <param name="Url">The callback URL (https, public address; see the SSRF rules).</param>
/// <param name="Secrets">
/// One or two <c>whsec_…</c> secrets. Every secret signs every message (space-separated signatures), so a receiver
/// can move to a new secret while the old one still verifies.
/// </param>
public sealed record WebhookEndpoint(Uri Url, IReadOnlyList<string> Secrets);
