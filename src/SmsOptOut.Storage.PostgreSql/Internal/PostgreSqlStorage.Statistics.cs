using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// Daily counts. Events are recorded at the time they arrive, so a day before yesterday (UTC) never gains events: its
/// counts are grouped once from the covering index, kept in <c>consent_daily</c> (<c>consent_daily_done</c> marks the
/// day), and read from there — an erasure drops the days it touches, to be counted again. Yesterday and today are
/// grouped live. No counter row is written when an event is, so concurrent opt-outs never queue on one.
/// </summary>
internal sealed partial class PostgreSqlStorage
{
    public async Task<IReadOnlyList<ConsentDayCount>> CountByDayAsync(AccountId account, DateOnly from, DateOnly through, CancellationToken cancellationToken = default)
    {
        ConsentStatisticsArguments.ValidateDays(account, from, through);
        var live = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime).AddDays(-1);
        var settledThrough = through < live ? through : live.AddDays(-1);
        if (from <= settledThrough)
        {
            await SettleAsync(account, from, settledThrough, cancellationToken).ConfigureAwait(false);
        }

        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, """
                SELECT day, kind, source, count FROM {schema}.consent_daily WHERE account = $1 AND day BETWEEN $2 AND $3 AND count > 0
                UNION ALL
                SELECT (recorded_at AT TIME ZONE 'UTC')::date, kind, source, count(*) FROM {schema}.consent_events
                WHERE account = $1 AND recorded_at >= $4 AND recorded_at < $5 GROUP BY 1, 2, 3
                ORDER BY 1, 2, 3;
                """);
            Add(command, account.Value);
            Add(command, from);
            Add(command, settledThrough);
            Add(command, Midnight(from > live ? from : live));
            Add(command, Midnight(through.AddDays(1)));
            var counts = new List<ConsentDayCount>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts.Add(new ConsentDayCount(reader.GetFieldValue<DateOnly>(0), (ConsentKind)reader.GetInt16(1), (OptOutSource)reader.GetInt16(2), reader.GetInt64(3)));
            }

            return counts;
        }
    }

    /// <summary>Counts the settled days of the range not counted yet, from the first such day to the last, in one statement.</summary>
    private Task<int> SettleAsync(AccountId account, DateOnly from, DateOnly through, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                WITH missing AS (
                    SELECT min(d)::date AS lo, max(d)::date AS hi FROM generate_series($2::date, $3::date, interval '1 day') AS d
                    WHERE NOT EXISTS (SELECT 1 FROM {schema}.consent_daily_done AS done WHERE done.account = $1 AND done.day = d::date)),
                counted AS (
                    INSERT INTO {schema}.consent_daily (account, day, kind, source, count)
                    SELECT $1, (e.recorded_at AT TIME ZONE 'UTC')::date, e.kind, e.source, count(*) FROM {schema}.consent_events AS e, missing
                    WHERE missing.lo IS NOT NULL AND e.account = $1
                      AND e.recorded_at >= (missing.lo::timestamp AT TIME ZONE 'UTC') AND e.recorded_at < ((missing.hi + 1)::timestamp AT TIME ZONE 'UTC')
                    GROUP BY 2, 3, 4 ON CONFLICT DO NOTHING)
                INSERT INTO {schema}.consent_daily_done (account, day)
                SELECT $1, d::date FROM missing, generate_series(missing.lo, missing.hi, interval '1 day') AS d WHERE missing.lo IS NOT NULL ON CONFLICT DO NOTHING;
                """);
            Add(command, account.Value);
            Add(command, from);
            Add(command, through);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<long> CountSuppressedAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, "SELECT count(*) FROM {schema}.suppressions WHERE account = $1;");
            Add(command, account.Value);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
