using SmsOptOut.Consent;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;

namespace SmsOptOut.Reports.Internal;

/// <summary>Daily counts from the adapter's <see cref="IConsentStatisticsStore"/> when it has one, else from the consent log.</summary>
internal sealed class ConsentStatistics(ISuppressionStore log, IConsentStatisticsStore? store = null, ISuppressionCounter? counter = null, TimeProvider? time = null)
    : IConsentStatistics
{
    /// <summary>How much earlier than its occurrence an event may have been recorded and still be found (an API caller's clock ahead of ours).</summary>
    private static readonly TimeSpan OccurrenceSlack = TimeSpan.FromDays(1);

    public async Task<long> CountSuppressedAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        if (counter is not null)
        {
            return await counter.CountSuppressedAsync(account, cancellationToken).ConfigureAwait(false);
        }

        var count = 0L;
        var after = SuppressionCursor.Start;
        IReadOnlyList<SuppressedNumber> page;
        do
        {
            page = await log.GetSuppressedAsync(account, after, StoreArguments.MaxPageSize, cancellationToken).ConfigureAwait(false);
            count += page.Count;
            after = page.Count > 0 ? page[^1].Cursor : after;
        }
        while (page.Count == StoreArguments.MaxPageSize);
        return count;
    }

    public async Task<IReadOnlyList<ConsentDayCount>> CountByDayAsync(AccountId account, DateOnly from, DateOnly through, ConsentTimeBasis by, CancellationToken cancellationToken)
    {
        if (by == ConsentTimeBasis.Recorded)
        {
            return await CountByDayAsync(account, from, through, cancellationToken).ConfigureAwait(false);
        }

        if (by != ConsentTimeBasis.Occurred)
        {
            throw new ArgumentException($"{(int)by} is not a ConsentTimeBasis value.", nameof(by));
        }

        ConsentStatisticsArguments.ValidateDays(account, from, through);
        var first = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(through.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var counts = new Dictionary<(DateOnly Day, ConsentKind Kind, OptOutSource Source), long>();
        await foreach (var e in log.GetEventsAsync(account, first - OccurrenceSlack, (now > end ? now : end) + OccurrenceSlack, cancellationToken).ConfigureAwait(false))
        {
            if (e.OccurredAt >= first && e.OccurredAt < end)
            {
                var key = (DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Kind, e.Source);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return Ordered(counts);
    }

    public async Task<IReadOnlyList<ConsentDayCount>> CountByDayAsync(AccountId account, DateOnly from, DateOnly through, CancellationToken cancellationToken = default)
    {
        ConsentStatisticsArguments.ValidateDays(account, from, through);
        if (store is not null)
        {
            return await store.CountByDayAsync(account, from, through, cancellationToken).ConfigureAwait(false);
        }

        var counts = new Dictionary<(DateOnly Day, ConsentKind Kind, OptOutSource Source), long>();
        var after = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
        var until = new DateTimeOffset(through.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
        await foreach (var e in log.GetEventsAsync(account, after, until, cancellationToken).ConfigureAwait(false))
        {
            var key = (DateOnly.FromDateTime(e.RecordedAt.UtcDateTime), e.Kind, e.Source);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return Ordered(counts);
    }

    private static List<ConsentDayCount> Ordered(Dictionary<(DateOnly Day, ConsentKind Kind, OptOutSource Source), long> counts) =>
        [.. counts.OrderBy(c => c.Key.Day).ThenBy(c => c.Key.Kind).ThenBy(c => c.Key.Source).Select(c => new ConsentDayCount(c.Key.Day, c.Key.Kind, c.Key.Source, c.Value))];
}
