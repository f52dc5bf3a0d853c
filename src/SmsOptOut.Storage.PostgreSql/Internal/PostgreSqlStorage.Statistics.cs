using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.PostgreSql.Internal;

/// <summary>
/// Daily counts grouped from an index that covers them (account, recorded time, kind, source): one index-only range
/// scan, and no counter rows that concurrent opt-outs of one account would queue on.
/// </summary>
internal sealed partial class PostgreSqlStorage
{
    public async Task<IReadOnlyList<ConsentDayCount>> CountByDayAsync(AccountId account, DateOnly from, DateOnly through, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateDays(account, from, through);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, """
                SELECT (recorded_at AT TIME ZONE 'UTC')::date AS day, kind, source, count(*) FROM {schema}.consent_events
                WHERE account = $1 AND recorded_at >= $2 AND recorded_at < $3
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
                """);
            Add(command, account.Value);
            Add(command, new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            Add(command, new DateTimeOffset(through.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            var counts = new List<ConsentDayCount>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts.Add(new ConsentDayCount(reader.GetFieldValue<DateOnly>(0), (ConsentKind)reader.GetInt16(1), (OptOutSource)reader.GetInt16(2), reader.GetInt64(3)));
            }

            return counts;
        }
    }
}
