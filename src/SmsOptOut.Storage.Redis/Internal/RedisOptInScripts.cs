namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The Lua scripts of opt-ins. A record is the hash <c>root:a:account:oi:number</c> (fields <c>level</c>,
/// <c>level_at</c>, <c>evidence</c>, <c>requested_at</c>, <c>expires_at</c>, <c>request_evidence</c>; instants in
/// ticks); <c>root:oin:number</c> is the set of accounts holding one; <c>root:oi:lapse</c> scores the records that
/// hold only a request (member <c>number:account</c>) by expiry in milliseconds. Each change is one script.
/// ARGV[1] is the root, ARGV[2] the account, ARGV[3] the number.
/// </summary>
internal static class RedisOptInScripts
{
    private const string Keys = """
        local root, account, number = ARGV[1], ARGV[2], ARGV[3]
        local key = root .. ':a:' .. account .. ':oi:' .. number
        local member = number .. ':' .. account
        """;

    /// <summary>Stores a request (ARGV[4] requested, ARGV[5] expires, ARGV[6] evidence, ARGV[7] threshold, ARGV[8] expiry ms): 1 saved, 2 already confirmed, 3 too recent.</summary>
    public const string SaveRequest = Keys + """

        local level = tonumber(redis.call('HGET', key, 'level') or '0')
        if level == 2 then return 2 end
        local requested = redis.call('HGET', key, 'requested_at')
        if requested and tonumber(requested) > tonumber(ARGV[7]) then return 3 end
        redis.call('HSET', key, 'level', level, 'requested_at', ARGV[4], 'expires_at', ARGV[5], 'request_evidence', ARGV[6])
        if level == 0 then redis.call('ZADD', root .. ':oi:lapse', ARGV[8], member) end
        redis.call('SADD', root .. ':oin:' .. number, account)
        return 1
        """;

    /// <summary>Confirms a pending request at ARGV[4] (ticks) with evidence ARGV[5]; returns the record's fields, or nil.</summary>
    public const string Confirm = Keys + """

        local f = redis.call('HMGET', key, 'level', 'expires_at')
        if not f[2] or tonumber(f[1]) == 2 or tonumber(f[2]) <= tonumber(ARGV[4]) then return nil end
        redis.call('HSET', key, 'level', 2, 'level_at', ARGV[4], 'evidence', ARGV[5])
        redis.call('ZREM', root .. ':oi:lapse', member)
        return redis.call('HGETALL', key)
        """;

    /// <summary>Records a single opt-in at ARGV[4] with evidence ARGV[5] unless the level is already 1 or 2: 1 changed, 0 not.</summary>
    public const string RecordOptIn = Keys + """

        local level = tonumber(redis.call('HGET', key, 'level') or '0')
        if level >= 1 then return 0 end
        redis.call('HSET', key, 'level', 1, 'level_at', ARGV[4], 'evidence', ARGV[5])
        redis.call('ZREM', root .. ':oi:lapse', member)
        redis.call('SADD', root .. ':oin:' .. number, account)
        return 1
        """;

    /// <summary>Deletes a record and its index entries; returns 1 when there was one.</summary>
    public const string Revoke = Keys + """

        redis.call('ZREM', root .. ':oi:lapse', member)
        redis.call('SREM', root .. ':oin:' .. number, account)
        return redis.call('DEL', key)
        """;

    /// <summary>Deletes up to ARGV[3] records that hold only a request expired at or before ARGV[2] (ms); returns how many.</summary>
    public const string Purge = """
        local root, now, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local lapse = root .. ':oi:lapse'
        local members = redis.call('ZRANGEBYSCORE', lapse, '-inf', now, 'LIMIT', 0, limit)
        local deleted = 0
        for _, member in ipairs(members) do
          local sep = string.find(member, ':', 1, true)
          local number, account = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
          local key = root .. ':a:' .. account .. ':oi:' .. number
          if redis.call('HGET', key, 'level') == '0' then
            redis.call('DEL', key)
            redis.call('SREM', root .. ':oin:' .. number, account)
            deleted = deleted + 1
          end
          redis.call('ZREM', lapse, member)
        end
        return deleted
        """;
}
