namespace SmsOptOut.Webhooks;

/// <summary>How many outbox messages are in each state.</summary>
/// <param name="Pending">Owed and not yet delivered.</param>
/// <param name="Delivered">Delivered and kept until the retention cleanup.</param>
/// <param name="DeadLettered">Given up; replayable.</param>
public readonly record struct OutboxCounts(long Pending, long Delivered, long DeadLettered)
{
    /// <summary>
    /// The earliest time a pending message is due (its next attempt, or the end of its lease while one is in flight);
    /// <see langword="null"/> when nothing is pending. Far in the past means the dispatcher is not keeping up or not
    /// running. Reported for the whole outbox (no account); a store may leave it out for one account.
    /// </summary>
    public DateTimeOffset? OldestDueAt { get; init; }
}
