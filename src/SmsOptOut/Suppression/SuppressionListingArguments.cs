using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.Suppression;

/// <summary>
/// The argument checks of <see cref="ISuppressionListing"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class SuppressionListingArguments
{
    /// <summary>Checks the arguments of <see cref="Suppression.ISuppressionListing.ListSuppressedAsync"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="filter">The filter.</param>
    /// <param name="after">The position to continue from.</param>
    /// <param name="limit">The page size.</param>
    /// <exception cref="ArgumentException">
    /// The account is default; the filter names an empty number, an undefined source or scope, a list with the
    /// account-wide scope, or a range of <c>Since</c> that holds no instant; or the cursor is not <c>Start</c> and lacks a number.
    /// </exception>
    /// <exception cref="ArgumentNullException">The filter is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page size is outside 1 to <see cref="StoreArguments.MaxPageSize"/>.</exception>
    public static void ValidateListing(AccountId account, Suppression.SuppressionFilter filter, Suppression.SuppressionListCursor after, int limit)
    {
        StoreArguments.ValidatePage(account, limit);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Number is { IsEmpty: true })
        {
            throw new ArgumentException("The filter's number is empty; expected a parsed, non-empty PhoneNumber.", nameof(filter));
        }

        if ((filter.Source is { } source && !Enum.IsDefined(source)) || (filter.Scope is { } scope && !Enum.IsDefined(scope)))
        {
            throw new ArgumentException("The filter names an undefined source or scope.", nameof(filter));
        }

        if (filter.List is { } list && (list.Value is null || filter.Scope == SuppressionScope.Account))
        {
            throw new ArgumentException("The filter names a list and the account-wide scope: a list's suppressions are list-scoped.", nameof(filter));
        }

        if (filter.SinceFrom is { } from && filter.SinceBefore is { } before && before <= from)
        {
            throw new ArgumentException($"The filter's range of Since, from {from:O} to before {before:O}, holds no instant.", nameof(filter));
        }

        if (!after.IsStart && after.Number.IsEmpty)
        {
            throw new ArgumentException("The cursor has no number; expected Start or an entry's ListingCursor.", nameof(after));
        }
    }
}
