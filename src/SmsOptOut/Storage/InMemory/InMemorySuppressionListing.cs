using SmsOptOut.Consent;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.InMemory;

/// <summary>
/// <see cref="ISuppressionListing"/> over <see cref="InMemorySuppressionStore"/>: a binary search of the account's
/// newest-first snapshot for the cursor, then a scan forward for the entries that match the filter.
/// </summary>
internal sealed class InMemorySuppressionListing(InMemorySuppressionStore store) : ISuppressionListing
{
    public Task<IReadOnlyList<SuppressedNumber>> ListSuppressedAsync(AccountId account, SuppressionFilter filter, SuppressionListCursor after, int limit,
        CancellationToken cancellationToken = default)
    {
        SuppressionListingArguments.ValidateListing(account, filter, after, limit);
        cancellationToken.ThrowIfCancellationRequested();
        if (filter.Number is { } number)
        {
            var own = store.SuppressionsOf(account, number).Where(e => filter.Matches(e) && after.Precedes(e)).ToList();
            own.Sort(SuppressionListCursor.Order);
            return Task.FromResult<IReadOnlyList<SuppressedNumber>>([.. own.Take(limit)]);
        }

        var sorted = store.NewestFirst(account);
        var page = new List<SuppressedNumber>(Math.Min(limit, 1_024));
        for (var i = FirstAfter(sorted, after); i < sorted.Length && page.Count < limit; i++)
        {
            if (filter.Matches(sorted[i]))
            {
                page.Add(sorted[i]);
            }
        }

        return Task.FromResult<IReadOnlyList<SuppressedNumber>>(page);
    }

    private static int FirstAfter(SuppressedNumber[] sorted, SuppressionListCursor after)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (after.Precedes(sorted[mid]))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
