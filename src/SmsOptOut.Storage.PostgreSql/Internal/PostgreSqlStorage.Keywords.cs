using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.PostgreSql.Internal;

internal sealed partial class PostgreSqlStorage
{
    public Task<bool> TryRecordReplyAsync(AccountId account, PhoneNumber number, DateTimeOffset now, TimeSpan quietPeriod, CancellationToken cancellationToken = default)
    {
        KeywordReplyLedgerArguments.ValidateReply(account, number, quietPeriod);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            // One atomic upsert: the update happens only when the last reply is old enough.
            using var command = _database.Command(connection, transaction, """
                INSERT INTO {schema}.reply_ledger AS r (account, number, last_reply_at) VALUES ($1, $2, $3)
                ON CONFLICT (account, number) DO UPDATE SET last_reply_at = excluded.last_reply_at WHERE r.last_reply_at <= $4;
                """);
            Add(command, account.Value);
            Add(command, (long)number.Value);
            Add(command, Utc(now));
            Add(command, Utc(now - quietPeriod));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }
}
