using SmsOptOut.Numbers;

namespace SmsOptOut.Consent;

/// <summary>
/// One entry of the append-only consent log: a person opted out or back in. The suppression state of a number is
/// derived from its events.
/// </summary>
public sealed record ConsentEvent
{
    /// <summary>
    /// Unique id of the event within its account. Applying an event whose id is already recorded changes nothing, so a
    /// redelivered provider webhook or a repeated request is harmless.
    /// </summary>
    public required string EventId { get; init; }

    /// <summary>The account the number belongs to.</summary>
    public required AccountId Account { get; init; }

    /// <summary>The number whose consent changed.</summary>
    public required PhoneNumber Number { get; init; }

    /// <summary>Opt-out or opt-in.</summary>
    public required ConsentKind Kind { get; init; }

    /// <summary>The channel the change arrived through.</summary>
    public required OptOutSource Source { get; init; }

    /// <summary>Whether the change applies to the whole account or only to <see cref="List"/>.</summary>
    public SuppressionScope Scope { get; init; } = SuppressionScope.Account;

    /// <summary>When the person acted (for a keyword, when the provider received the message).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the library recorded the event.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The list the message came from, when known; the scope when <see cref="Scope"/> is <see cref="SuppressionScope.List"/>.</summary>
    public ListId? List { get; init; }

    /// <summary>The campaign the message came from, when known.</summary>
    public CampaignId? Campaign { get; init; }

    /// <summary>What proves the change.</summary>
    public ConsentEvidence Evidence { get; init; } = ConsentEvidence.None;

    /// <summary>
    /// On an account-wide opt-out: the person paused every message of the account until then, rather than leaving for
    /// good. The pause suppresses exactly as an opt-out does and ends by itself (an opt-in event with
    /// <see cref="Reverts"/>); a later opt-out without an end makes it permanent. <see langword="null"/> for an opt-out
    /// that lasts until the person opts back in.
    /// </summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>
    /// On an account-wide opt-in: the event id of the account-wide opt-out or pause this opt-in takes back. It lifts that
    /// suppression alone, and only while it is still the number's account-wide suppression: an opt-out made since stays,
    /// and lists the person left stay left. The end of a pause (<see cref="PausedUntil"/>) and the landing page's undo
    /// record one; an opt-in without it (a START, the API) lifts every suppression of the number.
    /// </summary>
    public string? Reverts { get; init; }
}
