using SmsOptOut.Consent;

namespace SmsOptOut.Reports;

/// <summary>
/// An adapter's fast path for <see cref="IConsentStatistics"/>: daily counts kept with the consent log (in the same
/// transaction, lowered again when an erasure deletes events), read in one query. Optional: without it the counts
/// come from the log. For storage adapter authors; the conformance suite checks both paths alike.
/// </summary>
public interface IConsentStatisticsStore
{
    /// <inheritdoc cref="IConsentStatistics.CountByDayAsync(AccountId, DateOnly, DateOnly, CancellationToken)"/>
    Task<IReadOnlyList<ConsentDayCount>> CountByDayAsync(AccountId account, DateOnly from, DateOnly through, CancellationToken cancellationToken = default);
}
