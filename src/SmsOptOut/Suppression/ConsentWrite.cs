using SmsOptOut.Consent;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Suppression;

/// <summary>One consent event and the webhook messages owed if it applies: one item of a batch apply.</summary>
/// <param name="Event">The event.</param>
/// <param name="Outbox">The messages owed if, and only if, the event is applied.</param>
public sealed record ConsentWrite(ConsentEvent Event, IReadOnlyList<OutboxMessage> Outbox);
