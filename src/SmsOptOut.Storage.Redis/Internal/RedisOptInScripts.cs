namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The Lua scripts of opt-ins, in the account's slot. A record is the hash <c>{prefix:a:account}:oi:number</c> (fields
/// <c>level</c>, <c>level_at</c>, <c>evidence</c>, <c>requested_at</c>, <c>expires_at</c>, <c>request_evidence</c>,
/// <c>basis</c>, <c>consent_expires_at</c>; instants in ticks); the account's <c>oi:lapse</c> scores the numbers whose
/// record holds only a request by expiry in milliseconds, and <c>oi:expiry</c> the single opt-ins with an expiring
/// (implied) consent by that expiry in milliseconds. Each change is one script. ARGV[1] is the account's root, ARGV[2] the number.
/// </summary>
internal static class RedisOptInScripts
{
    private const string Keys = """
        local a, number = ARGV[1], ARGV[2]
        local key = a .. ':oi:' .. number
        local lapse = a .. ':oi:lapse'
        local expiry = a .. ':oi:expiry'
        -- Compares two non-negative integers written in decimal without going through Lua's doubles (ticks exceed 2^53).
        local function gt(x, y) return #x > #y or (#x == #y and x > y) end
        """;

    /// <summary>Stores a request (ARGV[3] requested, ARGV[4] expires, ARGV[5] evidence, ARGV[6] threshold, ARGV[7] expiry ms): 1 saved, 2 already confirmed, 3 too recent.</summary>
    public const string SaveRequest = Keys + """

        local level = tonumber(redis.call('HGET', key, 'level') or '0')
        if level == 2 then return 2 end
        local requested = redis.call('HGET', key, 'requested_at')
        if requested and tonumber(requested) > tonumber(ARGV[6]) then return 3 end
        redis.call('HSET', key, 'level', level, 'requested_at', ARGV[3], 'expires_at', ARGV[4], 'request_evidence', ARGV[5])
        if level == 0 then redis.call('ZADD', lapse, ARGV[7], number) end
        return 1
        """;

    /// <summary>Confirms a pending request at ARGV[3] (ticks) with evidence ARGV[4]; returns the record's fields, or nil.</summary>
    public const string Confirm = Keys + """

        local f = redis.call('HMGET', key, 'level', 'expires_at')
        if not f[2] or tonumber(f[1]) == 2 or tonumber(f[2]) <= tonumber(ARGV[3]) then return nil end
        redis.call('HSET', key, 'level', 2, 'level_at', ARGV[3], 'evidence', ARGV[4], 'basis', 0)
        redis.call('HDEL', key, 'consent_expires_at')
        redis.call('ZREM', lapse, number)
        redis.call('ZREM', expiry, number)
        return redis.call('HGETALL', key)
        """;

    /// <summary>
    /// Records a single opt-in at ARGV[3] with evidence ARGV[4], basis ARGV[5] and consent expiry ARGV[6] (ticks, empty for
    /// none; ARGV[7] the same in ms) when <c>OptInGrant.Replaces</c> says so: 1 changed, 0 not.
    /// </summary>
    public const string RecordOptIn = Keys + """

        local f = redis.call('HMGET', key, 'level', 'basis', 'consent_expires_at')
        local level, basis, was = tonumber(f[1] or '0'), tonumber(f[2] or '0'), f[3]
        local newBasis, will = tonumber(ARGV[5]), ARGV[6]
        local replaces = level < 1 or (level == 1 and basis ~= 0 and (newBasis == 0
            or (was and was ~= '' and (will == '' or gt(will, was)))))
        if not replaces then return 0 end
        redis.call('HSET', key, 'level', 1, 'level_at', ARGV[3], 'evidence', ARGV[4], 'basis', ARGV[5])
        if will == '' then
          redis.call('HDEL', key, 'consent_expires_at')
          redis.call('ZREM', expiry, number)
        else
          redis.call('HSET', key, 'consent_expires_at', will)
          redis.call('ZADD', expiry, ARGV[7], number)
        end
        redis.call('ZREM', lapse, number)
        return 1
        """;

    /// <summary>Deletes the records of the numbers ARGV[2..] and their index entries; returns how many there were.</summary>
    public const string RevokeMany = """
        local a = ARGV[1]
        local deleted = 0
        for i = 2, #ARGV do
          local number = ARGV[i]
          redis.call('ZREM', a .. ':oi:lapse', number)
          redis.call('ZREM', a .. ':oi:expiry', number)
          deleted = deleted + redis.call('DEL', a .. ':oi:' .. number)
        end
        return deleted
        """;

    /// <summary>Deletes up to ARGV[3] of an account's records that hold only a request expired at or before ARGV[2] (ms); returns how many.</summary>
    public const string Purge = """
        local a, now, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local lapse = a .. ':oi:lapse'
        local numbers = redis.call('ZRANGEBYSCORE', lapse, '-inf', now, 'LIMIT', 0, limit)
        local deleted = 0
        for _, number in ipairs(numbers) do
          local key = a .. ':oi:' .. number
          if redis.call('HGET', key, 'level') == '0' then
            redis.call('DEL', key)
            deleted = deleted + 1
          end
          redis.call('ZREM', lapse, number)
        end
        return deleted
        """;
}
