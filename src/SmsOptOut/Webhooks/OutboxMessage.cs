using SmsOptOut.Consent;

namespace SmsOptOut.Webhooks;

/// <summary>
/// A webhook owed to an account's callback URL, kept in the store's durable outbox until it is delivered or
/// dead-lettered. Written in the same transaction as the consent event it reports.
/// </summary>
public sealed record OutboxMessage
{
    /// <summary>The <c>webhook-id</c>: globally unique and the same on every delivery attempt (<c>msg_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The account whose callback URL receives the message.</summary>
    public required AccountId Account { get; init; }

    /// <summary>
    /// Where the message goes: <see langword="null"/> for the account's callback URL (a webhook); <c>provider:&lt;name&gt;</c>
    /// for a consent change pushed to that provider's own opt-out list.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>The list of the opt-out, used to pick a per-list callback URL override.</summary>
    public ListId? List { get; init; }

    /// <summary>The consent event the message reports.</summary>
    public required string EventId { get; init; }

    /// <summary>The exact request body, rendered once when the message was owed so every attempt sends the same bytes.</summary>
    public required string Payload { get; init; }

    /// <summary>When the message was owed.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the next delivery attempt is due.</summary>
    public required DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>How many delivery attempts have been made.</summary>
    public int Attempts { get; init; }

    /// <summary>Where the message is in its life.</summary>
    public OutboxMessageState State { get; init; } = OutboxMessageState.Pending;

    /// <summary>What went wrong on the last failed attempt.</summary>
    public string? LastError { get; init; }

    /// <summary>When the last attempt was made (the delivery time once delivered).</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The dispatcher instance holding the current lease, if any.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>Until when the current lease holds; after that another instance may claim the message.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }
}
