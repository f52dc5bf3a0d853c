namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The Lua scripts of opt-ins, in the account's slot. A record is the hash <c>{prefix:a:account}:oi:number</c> (fields
/// <c>level</c>, <c>level_at</c>, <c>evidence</c>, <c>requested_at</c>, <c>expires_at</c>, <c>request_evidence</c>;
/// instants in ticks); the account's <c>oi:lapse</c> scores the numbers whose record holds only a request by expiry in
/// milliseconds. Each change is one script. ARGV[1] is the account's root, ARGV[2] the number.
/// </summary>
internal static class RedisOptInScripts
{
    private const string Keys = """
        local a, number = ARGV[1], ARGV[2]
        local key = a .. ':oi:' .. number
        local lapse = a .. ':oi:lapse'
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
        redis.call('HSET', key, 'level', 2, 'level_at', ARGV[3], 'evidence', ARGV[4])
        redis.call('ZREM', lapse, number)
        return redis.call('HGETALL', key)
        """;

    /// <summary>Records a single opt-in at ARGV[3] with evidence ARGV[4] unless the level is already 1 or 2: 1 changed, 0 not.</summary>
    public const string RecordOptIn = Keys + """

        local level = tonumber(redis.call('HGET', key, 'level') or '0')
        if level >= 1 then return 0 end
        redis.call('HSET', key, 'level', 1, 'level_at', ARGV[3], 'evidence', ARGV[4])
        redis.call('ZREM', lapse, number)
        return 1
        """;

    /// <summary>Deletes a record and its index entry; returns 1 when there was one.</summary>
    public const string Revoke = Keys + """

        redis.call('ZREM', lapse, number)
        return redis.call('DEL', key)
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
