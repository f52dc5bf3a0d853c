using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Suppression;

/// <summary>
/// Which suppressions <see cref="ISuppressionListing.ListSuppressedAsync"/> lists: every condition that is set must
/// hold; none set (<see cref="None"/>) lists them all.
/// </summary>
public sealed record SuppressionFilter
{
    /// <summary>No condition: every current suppression.</summary>
    public static SuppressionFilter None { get; } = new();

    /// <summary>Only this number's suppressions (account-wide and per list): an exact match, never a prefix.</summary>
    public PhoneNumber? Number { get; init; }

    /// <summary>Only suppressions whose opt-out came through this channel.</summary>
    public OptOutSource? Source { get; init; }

    /// <summary>Only account-wide suppressions (<see cref="SuppressionScope.Account"/>) or only list suppressions (<see cref="SuppressionScope.List"/>).</summary>
    public SuppressionScope? Scope { get; init; }

    /// <summary>Only the suppressions of this list (implies <see cref="SuppressionScope.List"/>).</summary>
    public ListId? List { get; init; }

    /// <summary>Only suppressions since this instant or later (<see cref="SuppressedNumber.Since"/>, inclusive).</summary>
    public DateTimeOffset? SinceFrom { get; init; }

    /// <summary>Only suppressions since before this instant (<see cref="SuppressedNumber.Since"/>, exclusive).</summary>
    public DateTimeOffset? SinceBefore { get; init; }

    /// <summary>Whether no condition is set.</summary>
    public bool IsEmpty => Number is null && Source is null && Scope is null && List is null && SinceFrom is null && SinceBefore is null;

    /// <summary>Whether <paramref name="entry"/> meets every condition of the filter: what a store's query must select.</summary>
    /// <param name="entry">A current suppression.</param>
    /// <returns><see langword="true"/> when it is listed.</returns>
    public bool Matches(SuppressedNumber entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (Number is not { } number || entry.Number == number)
            && (Source is not { } source || entry.Source == source)
            && (Scope is not { } scope || (scope == SuppressionScope.Account) == (entry.List is null))
            && (List is not { } list || entry.List == list)
            && (SinceFrom is not { } from || entry.Since >= from)
            && (SinceBefore is not { } before || entry.Since < before);
    }
}
