using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// Frequency caps: a sorted set of send times per recipient and counter (<c>{prefix:a:account}:sc:counter:number</c>,
/// scored in milliseconds), trimmed to its window and expiring one window after its last send, so nothing needs
/// purging. A whole batch is one script: instances reserving at once take turns.
/// </summary>
internal sealed partial class RedisStorage
{
    /// <summary>
    /// ARGV: the account's root, now (ms), a unique id, the number of limits, then counter, messages, window (ms) per limit,
    /// then the numbers. Returns 1 or 0 per number.
    /// </summary>
    private const string ReserveScript = """
        local a, now, id, count = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
        local limits = {}
        for i = 0, count - 1 do
          limits[#limits + 1] = { ARGV[5 + i * 3], tonumber(ARGV[6 + i * 3]), tonumber(ARGV[7 + i * 3]) }
        end
        local out = {}
        for j = 5 + count * 3, #ARGV do
          local number, ok = ARGV[j], 1
          for _, limit in ipairs(limits) do
            local key = a .. ':sc:' .. limit[1] .. ':' .. number
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - limit[3])
            if redis.call('ZCARD', key) >= limit[2] then ok = 0 end
          end
          if ok == 1 then
            for _, limit in ipairs(limits) do
              local key = a .. ':sc:' .. limit[1] .. ':' .. number
              redis.call('ZADD', key, now, id .. ':' .. j)
              redis.call('PEXPIRE', key, limit[3])
            end
          end
          out[#out + 1] = ok
        end
        return out
        """;

    public async Task<int> TryReserveAsync(AccountId account, ReadOnlyMemory<PhoneNumber> numbers, IReadOnlyList<SendLimit> limits, DateTimeOffset now, Memory<bool> reserved,
        CancellationToken cancellationToken = default)
    {
        SendLedgerArguments.ValidateReserve(account, numbers, limits, reserved);
        var arguments = new List<RedisValue>(4 + (limits.Count * 3) + numbers.Length)
        {
            AccountKey(account.Value), Milliseconds(now), Guid.NewGuid().ToString("N"), limits.Count,
        };
        foreach (var limit in limits)
        {
            arguments.Add(limit.Counter);
            arguments.Add(limit.Messages);
            arguments.Add((long)limit.Window.TotalMilliseconds);
        }

        foreach (var number in numbers.Span)
        {
            arguments.Add(number.Value.ToString(CultureInfo.InvariantCulture));
        }

        var database = await DatabaseAsync().ConfigureAwait(false);
        var results = (RedisResult[])(await RunAsync(database, ReserveScript, AccountKey(account.Value), [.. arguments]).ConfigureAwait(false))!;
        var count = 0;
        for (var i = 0; i < results.Length; i++)
        {
            reserved.Span[i] = (int)results[i] == 1;
            count += reserved.Span[i] ? 1 : 0;
        }

        return count;
    }

    /// <summary>Nothing to do: each counter trims itself and expires a window after its last send.</summary>
    public Task<int> PurgeAsync(DateTimeOffset sentBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        return Task.FromResult(0);
    }
}
