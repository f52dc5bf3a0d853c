using SmsOptOut.Consent;

namespace SmsOptOut.Reports;

/// <summary>
/// Opt-outs and opt-ins per day, kind and source for an account: what a dashboard's chart and <c>smsoptout stats</c>
/// show. Answered by the store in one query where the adapter keeps daily counts (SQLite, PostgreSQL), otherwise
/// counted from the consent log.
/// </summary>
public interface IConsentStatistics
{
    /// <summary>The counts of the consent events <paramref name="account"/> recorded from <paramref name="from"/> through <paramref name="through"/> (UTC days, both included).</summary>
    /// <param name="account">The account.</param>
    /// <param name="from">The first day.</param>
    /// <param name="through">The last day; at most 366 days after <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One entry per day, kind and source with events, by day, then kind, then source; erased events are not counted.</returns>
    /// <exception cref="ArgumentException">The account is default, or the range is reversed or longer than 366 days.</exception>
    Task<IReadOnlyList<ConsentDayCount>> CountByDayAsync(AccountId account, DateOnly from, DateOnly through, CancellationToken cancellationToken = default);

    /// <summary>
    /// The counts of <paramref name="account"/>'s consent events by the day of the time <paramref name="by"/> names:
    /// <see cref="ConsentTimeBasis.Recorded"/> answers as <see cref="CountByDayAsync(AccountId, DateOnly, DateOnly, CancellationToken)"/>;
    /// <see cref="ConsentTimeBasis.Occurred"/> counts the events that happened on those days, whenever they were
    /// recorded (read from the consent log: the events recorded since the day before <paramref name="from"/>).
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="from">The first day.</param>
    /// <param name="through">The last day; at most 366 days after <paramref name="from"/>.</param>
    /// <param name="by">Which time puts an event on a day.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One entry per day, kind and source with events, by day, then kind, then source; erased events are not counted.</returns>
    /// <exception cref="ArgumentException">The account is default, the range is reversed or longer than 366 days, or <paramref name="by"/> is not a value.</exception>
    Task<IReadOnlyList<ConsentDayCount>> CountByDayAsync(AccountId account, DateOnly from, DateOnly through, ConsentTimeBasis by, CancellationToken cancellationToken);

    /// <summary>How many suppressions <paramref name="account"/> holds now: one per number and scope, as <c>ISuppressionStore.GetSuppressedAsync</c> lists them.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The count; from the store in one call where it can (<c>ISuppressionCounter</c>), else by paging.</returns>
    Task<long> CountSuppressedAsync(AccountId account, CancellationToken cancellationToken = default);
}
