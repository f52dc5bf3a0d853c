using SmsOptOut.Consent;

namespace SmsOptOut.Suppression;

/// <summary>
/// Lists an account's current suppressions, filtered (source, scope or list, a range of <see cref="SuppressedNumber.Since"/>,
/// an exact number) and newest first, one page at a time with keyset paging: each page starts after the last entry of
/// the one before, so a page costs the same however deep into the list it is, and entries added or lifted meanwhile
/// neither repeat nor shift the others. What the dashboard's list of suppressed numbers shows and exports.
/// Optional for storage adapters: without it the dashboard says that the storage cannot list. Verified by the
/// conformance suite <c>SuppressionListingTests</c>.
/// </summary>
public interface ISuppressionListing
{
    /// <summary>
    /// One page of <paramref name="account"/>'s current suppressions that match <paramref name="filter"/>, in
    /// <see cref="SuppressionListCursor"/> order (newest first), starting after <paramref name="after"/>. Page through by
    /// passing the last entry's <see cref="SuppressedNumber.ListingCursor"/>. Erased numbers (suppressed under a
    /// pseudonym) are not listed.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="filter">Which suppressions; <see cref="SuppressionFilter.None"/> for all of them.</param>
    /// <param name="after">The position to continue from; <see cref="SuppressionListCursor.Start"/> for the first page.</param>
    /// <param name="limit">The most entries to return (1 to 10,000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Up to <paramref name="limit"/> entries; fewer only at the end.</returns>
    /// <exception cref="ArgumentException">The account is default, or the filter contradicts itself (see <c>SuppressionListingArguments.ValidateListing</c>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to 10,000.</exception>
    Task<IReadOnlyList<SuppressedNumber>> ListSuppressedAsync(AccountId account, SuppressionFilter filter, SuppressionListCursor after, int limit, CancellationToken cancellationToken = default);
}
