using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.Sqlite.Internal;

internal sealed partial class SqliteStorage
{
    public Task<bool> TryRecordReplyAsync(AccountId account, PhoneNumber number, DateTimeOffset now, TimeSpan quietPeriod, CancellationToken cancellationToken = default)
    {
        KeywordReplyLedgerArguments.ValidateReply(account, number, quietPeriod);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // One atomic upsert: the update happens only when the last reply is old enough.
            using var command = SqliteDatabase.Command(connection, transaction, """
                INSERT INTO reply_ledger (account, number, last_reply_at) VALUES ($account, $number, $now)
                ON CONFLICT (account, number) DO UPDATE SET last_reply_at = excluded.last_reply_at WHERE last_reply_at <= $threshold;
                """);
            command.Parameters.AddWithValue("$account", account.Value);
            command.Parameters.AddWithValue("$number", (long)number.Value);
            command.Parameters.AddWithValue("$now", Ticks(now));
            command.Parameters.AddWithValue("$threshold", Ticks(now - quietPeriod));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }
}
