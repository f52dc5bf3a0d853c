using SmsOptOut.Consent;
using SmsOptOut.Reports;

namespace SmsOptOut.Storage.Sqlite.Internal;

internal sealed partial class SqliteStorage
{
    public async Task<ReportCursor?> GetAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = SqliteDatabase.Command(connection, null, "SELECT reported_until, last_sent_at FROM report_cursors WHERE account = $account;");
            command.Parameters.AddWithValue("$account", account.Value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new ReportCursor(StoredValues.Instant(reader.GetInt64(0)), reader.IsDBNull(1) ? null : StoredValues.Instant(reader.GetInt64(1)))
                : null;
        }
    }

    public Task SetAsync(AccountId account, ReportCursor cursor, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateCursor(account, cursor);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT INTO report_cursors (account, reported_until, last_sent_at) VALUES ($account, $until, $sent)
                ON CONFLICT (account) DO UPDATE SET reported_until = excluded.reported_until, last_sent_at = excluded.last_sent_at;
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$until", Ticks(cursor.ReportedUntil));
            command.Parameters.AddWithValue("$sent", cursor.LastReportAt is { } sent ? Ticks(sent) : DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<bool> TryClaimAsync(AccountId account, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ReportCursorArguments.ValidateClaim(account, owner, lease);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // The upsert's WHERE leaves a running lease of another owner alone: then no row changes.
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT INTO report_claims (account, owner, until) VALUES ($account, $owner, $until)
                ON CONFLICT (account) DO UPDATE SET owner = excluded.owner, until = excluded.until
                WHERE report_claims.owner = excluded.owner OR report_claims.until <= $now;
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$until", Ticks(now + lease));
            command.Parameters.AddWithValue("$now", Ticks(now));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }
}
