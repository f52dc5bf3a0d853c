using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Suppression;

/// <summary>One suppression of an account: a number that must not receive messages, account-wide or for one list.</summary>
/// <param name="Number">The suppressed number.</param>
/// <param name="List">The list the suppression is limited to, or <see langword="null"/> for an account-wide suppression.</param>
/// <param name="Since">When the opt-out that caused it happened.</param>
/// <param name="Source">The channel of that opt-out.</param>
/// <param name="EventId">The id of that opt-out in the consent log.</param>
public sealed record SuppressedNumber(PhoneNumber Number, ListId? List, DateTimeOffset Since, OptOutSource Source, string EventId)
{
    /// <summary>The position of this entry in the keyset order used for paging.</summary>
    public SuppressionCursor Cursor => new(Number, List?.Value ?? string.Empty);

    /// <summary>The position of this entry in the newest-first order of <see cref="ISuppressionListing"/>.</summary>
    public SuppressionListCursor ListingCursor => new(Since, Number, List?.Value ?? string.Empty);

    /// <summary>When the suppression is a pause (<see cref="Consent.ConsentEvent.PausedUntil"/>): when it ends; <see langword="null"/> for an opt-out.</summary>
    public DateTimeOffset? PausedUntil { get; init; }
}
