using SmsOptOut.Consent;
using SmsOptOut.Suppression;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>
/// The dashboard's list of suppressed numbers: the account's suppressions that match the filter and come after the
/// cursor, sorted in the listing's order (<see cref="SuppressionListCursor.Order"/>), a page at a time. A database adapter
/// would read an index in that order instead; <see cref="SuppressionFilter.Matches"/> and
/// <see cref="SuppressionListCursor.Precedes"/> say exactly what its query must select.
/// </summary>
internal sealed partial class DictionaryStorage : ISuppressionListing
{
    public Task<IReadOnlyList<SuppressedNumber>> ListSuppressedAsync(AccountId account, SuppressionFilter filter, SuppressionListCursor after, int limit,
        CancellationToken cancellationToken = default)
    {
        SuppressionListingArguments.ValidateListing(account, filter, after, limit);
        lock (_gate)
        {
            if (!_accounts.TryGetValue(account.Value, out var state))
            {
                return Task.FromResult<IReadOnlyList<SuppressedNumber>>([]);
            }

            return Task.FromResult<IReadOnlyList<SuppressedNumber>>([.. state.Suppressions
                .Select(s => Entry(s.Value, s.Key.List))
                .Where(e => filter.Matches(e) && after.Precedes(e))
                .Order(SuppressionListCursor.Order)
                .Take(limit)]);
        }
    }
}
