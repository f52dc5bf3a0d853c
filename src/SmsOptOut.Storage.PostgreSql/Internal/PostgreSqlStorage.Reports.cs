using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.PostgreSql.Internal;

internal sealed partial class PostgreSqlStorage
{
    public async Task<ReportCursor?> GetAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = _database.Command(connection, null, "SELECT reported_until, last_sent_at FROM {schema}.report_cursors WHERE account = $1;");
            Add(command, account.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new ReportCursor(reader.GetFieldValue<DateTimeOffset>(0), Instant(reader, 1))
                : null;
        }
    }

    public Task SetAsync(AccountId account, ReportCursor cursor, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateCursor(account, cursor);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = _database.Command(connection, transaction, """
                INSERT INTO {schema}.report_cursors (account, reported_until, last_sent_at) VALUES ($1, $2, $3)
                ON CONFLICT (account) DO UPDATE SET reported_until = excluded.reported_until, last_sent_at = excluded.last_sent_at;
                """);
            Add(command, account.Value);
            Add(command, Utc(cursor.ReportedUntil));
            Add(command, cursor.LastReportAt is { } sent ? Utc(sent) : null);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<bool> TryClaimAsync(AccountId account, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateClaim(account, owner, lease);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // The upsert's WHERE leaves a running lease of another owner alone: then no row changes.
            using var command = _database.Command(connection, transaction, """
                INSERT INTO {schema}.report_claims AS c (account, owner, until) VALUES ($1, $2, $3)
                ON CONFLICT (account) DO UPDATE SET owner = excluded.owner, until = excluded.until
                WHERE c.owner = excluded.owner OR c.until <= $4;
                """);
            Add(command, account.Value);
            Add(command, owner);
            Add(command, Utc(now + lease));
            Add(command, Utc(now));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }
}
