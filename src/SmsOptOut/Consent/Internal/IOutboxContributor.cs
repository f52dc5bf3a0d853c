using SmsOptOut.Webhooks;

namespace SmsOptOut.Consent.Internal;

/// <summary>Supplies the outbox messages owed for a consent event, written atomically with it.</summary>
internal interface IOutboxContributor
{
    ValueTask<IReadOnlyList<OutboxMessage>> CreateAsync(ConsentEvent consentEvent, CancellationToken cancellationToken);
}
