namespace SmsOptOut.Webhooks;

/// <summary>How many outbox messages are in each state.</summary>
/// <param name="Pending">Owed and not yet delivered.</param>
/// <param name="Delivered">Delivered and kept until the retention cleanup.</param>
/// <param name="DeadLettered">Given up; replayable.</param>
public readonly record struct OutboxCounts(long Pending, long Delivered, long DeadLettered);
