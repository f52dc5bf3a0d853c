using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage
{
    public async Task<bool> TryRecordReplyAsync(AccountId account, PhoneNumber number, DateTimeOffset now, TimeSpan quietPeriod, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateReply(account, number, quietPeriod);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (int)await database.ScriptEvaluateAsync(RedisScripts.RecordReply, keys: _routing,
            values: [AccountKey(account.Value) + ":reply", number.Value.ToString(CultureInfo.InvariantCulture), Ticks(now), Ticks(now - quietPeriod), _root + ":accts", account.Value]).ConfigureAwait(false) == 1;
    }
}
