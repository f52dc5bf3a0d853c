using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Keywords;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage
{
    public async Task<bool> TryRecordReplyAsync(AccountId account, PhoneNumber number, DateTimeOffset now, TimeSpan quietPeriod, CancellationToken cancellationToken = default)
    {
        KeywordReplyLedgerArguments.ValidateReply(account, number, quietPeriod);
        var database = await DatabaseAsync().ConfigureAwait(false);
        await RememberAsync(database, [account.Value]).ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        return (int)await RunAsync(database, RedisScripts.RecordReply, accountKey,
            [accountKey + ":reply", number.Value.ToString(CultureInfo.InvariantCulture), Ticks(now), Ticks(now - quietPeriod)]).ConfigureAwait(false) == 1;
    }
}
