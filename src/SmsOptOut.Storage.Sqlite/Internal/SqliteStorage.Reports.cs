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
        StoreArguments.ValidateCursor(account, cursor);
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
}
