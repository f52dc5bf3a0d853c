using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>Held messages; each change is one script (see <see cref="RedisDeferredSendScripts"/>), so concurrent schedulers split the due ones.</summary>
internal sealed partial class RedisStorage
{
    public async Task AddAsync(IReadOnlyList<DeferredSend> sends, CancellationToken cancellationToken = default)
    {
        StoreArguments.Validate(sends);
        var arguments = new List<RedisValue>(1 + (sends.Count * 6)) { _root };
        foreach (var send in sends)
        {
            arguments.AddRange([send.Id, send.Account.Value, send.Number.Value.ToString(CultureInfo.InvariantCulture), Ticks(send.NotBefore), Milliseconds(send.NotBefore), send.Message]);
        }

        var database = await DatabaseAsync().ConfigureAwait(false);
        await database.ScriptEvaluateAsync(RedisDeferredSendScripts.Add, keys: _routing, values: [.. arguments]).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeferredSend>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var fields = (RedisResult[])(await database.ScriptEvaluateAsync(RedisDeferredSendScripts.Claim, keys: _routing, values: [_root, Milliseconds(now), limit]).ConfigureAwait(false))!;
        var claimed = new List<DeferredSend>(fields.Length / 5);
        for (var i = 0; i + 4 < fields.Length; i += 5)
        {
            claimed.Add(new DeferredSend((string)fields[i]!, new AccountId((string)fields[i + 1]!), PhoneNumber.FromValue((ulong)fields[i + 2]),
                Instant((RedisValue)fields[i + 3]), (string)fields[i + 4]!));
        }

        return claimed;
    }

    public async Task<int> CompleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (int)await database.ScriptEvaluateAsync(RedisDeferredSendScripts.Complete, keys: _routing, values: [_root, .. ids.Select(id => (RedisValue)id)]).ConfigureAwait(false);
    }

    public async Task<int> DeleteAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (int)await database.ScriptEvaluateAsync(RedisDeferredSendScripts.Delete, keys: _routing,
            values: [_root, account.Value, number.Value.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
    }

    async Task<IReadOnlyList<AccountId>> IDeferredSendStore.FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accounts = (RedisResult[])(await database.ScriptEvaluateAsync(RedisDeferredSendScripts.Accounts, keys: _routing,
            values: [_root, number.Value.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false))!;
        return [.. accounts.Select(a => new AccountId((string)a!))];
    }

    public async Task<DeferredSendCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var pending = database.SortedSetLengthAsync(_root + ":ds:due");
        var claimed = database.SetLengthAsync(_root + ":ds:claimed");
        return new DeferredSendCounts(await pending.ConfigureAwait(false), await claimed.ConfigureAwait(false));
    }
}
