using System.Diagnostics.CodeAnalysis;
using SmsOptOut.Numbers;

namespace SmsOptOut.Consent;

/// <summary>A request to record an opt-out or an opt-in through <see cref="IOptOutService"/>.</summary>
public sealed record ConsentRequest
{
    /// <summary>Creates a request for <paramref name="number"/> of <paramref name="account"/> through <paramref name="source"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="number">The number.</param>
    /// <param name="source">The channel the request arrived through.</param>
    [SetsRequiredMembers]
    public ConsentRequest(AccountId account, PhoneNumber number, OptOutSource source)
    {
        Account = account;
        Number = number;
        Source = source;
    }

    /// <summary>The account.</summary>
    public required AccountId Account { get; init; }

    /// <summary>The number.</summary>
    public required PhoneNumber Number { get; init; }

    /// <summary>The channel the request arrived through.</summary>
    public required OptOutSource Source { get; init; }

    /// <summary>Account-wide (default) or only <see cref="List"/>.</summary>
    public SuppressionScope Scope { get; init; } = SuppressionScope.Account;

    /// <summary>The list the person was reached through, when known; required when <see cref="Scope"/> is <see cref="SuppressionScope.List"/>.</summary>
    public ListId? List { get; init; }

    /// <summary>The campaign the person was reached through, when known.</summary>
    public CampaignId? Campaign { get; init; }

    /// <summary>What proves the request.</summary>
    public ConsentEvidence Evidence { get; init; } = ConsentEvidence.None;

    /// <summary>When the person acted; the current time when <see langword="null"/>.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>
    /// A key that identifies this request (for example the provider's message id): a second request with the same key
    /// is recognised as a duplicate and changes nothing. When <see langword="null"/>, a new event id is generated.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// For an account-wide opt-out: pause every message until then instead of leaving for good (see
    /// <see cref="ConsentEvent.PausedUntil"/>). Must be later than the time the person acted; needs a storage that keeps
    /// pauses (<see cref="Storage.StorageCapabilities.Pauses"/>).
    /// </summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>
    /// For an account-wide opt-in: the event id of the account-wide opt-out (or pause) it takes back — it lifts that
    /// suppression alone, and only while it is still the number's, so lists the person left stay left (see
    /// <see cref="ConsentEvent.Reverts"/>). <see langword="null"/>: the opt-in lifts every suppression of the number.
    /// </summary>
    public string? Reverts { get; init; }
}
