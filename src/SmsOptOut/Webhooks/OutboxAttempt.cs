namespace SmsOptOut.Webhooks;

/// <summary>The recorded result of one delivery attempt, written by the dispatcher that holds the message's lease.</summary>
/// <param name="MessageId">The message (its <c>webhook-id</c>).</param>
/// <param name="LeaseOwner">The dispatcher instance that claimed it; the write is refused when the lease moved on.</param>
/// <param name="State">Delivered, still pending (retry at <paramref name="NextAttemptAt"/>), or dead-lettered.</param>
/// <param name="Attempts">How many attempts have now been made.</param>
/// <param name="AttemptedAt">When this attempt finished.</param>
/// <param name="NextAttemptAt">When to try again when pending; <paramref name="AttemptedAt"/> otherwise.</param>
/// <param name="Error">What went wrong, or <see langword="null"/> when delivered.</param>
public sealed record OutboxAttempt(string MessageId, string LeaseOwner, OutboxMessageState State, int Attempts, DateTimeOffset AttemptedAt, DateTimeOffset NextAttemptAt, string? Error);
