namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The Lua scripts of held messages, in the account's slot. Each is the hash <c>{prefix:a:account}:ds:id</c>
/// (<c>account</c>, <c>number</c>, <c>nb</c> in ticks, <c>msg</c>); the account's <c>ds:due</c> scores pending ids by
/// due time in milliseconds, <c>ds:claimed</c> holds claimed ids, <c>ds:n:number</c> the ids of a number. ARGV[1] is
/// the account's root.
/// </summary>
internal static class RedisDeferredSendScripts
{
    /// <summary>
    /// Adds messages (ARGV[2] the account, then id, number, due ticks, due ms, message); an existing id is kept. Returns
    /// the earliest due (ms) added when it is earlier than every message the account already held, else -1.
    /// </summary>
    public const string Add = """
        local a, earliest = ARGV[1], -1
        local head = redis.call('ZRANGE', a .. ':ds:due', 0, 0, 'WITHSCORES')
        for i = 3, #ARGV, 5 do
          local id = ARGV[i]
          local key = a .. ':ds:' .. id
          if redis.call('EXISTS', key) == 0 then
            redis.call('HSET', key, 'account', ARGV[2], 'number', ARGV[i + 1], 'nb', ARGV[i + 2], 'msg', ARGV[i + 4])
            redis.call('ZADD', a .. ':ds:due', ARGV[i + 3], id)
            redis.call('SADD', a .. ':ds:n:' .. ARGV[i + 1], id)
            local due = tonumber(ARGV[i + 3])
            if earliest == -1 or due < earliest then earliest = due end
          end
        end
        if head[2] and tonumber(head[2]) <= earliest then earliest = -1 end
        return earliest
        """;

    /// <summary>
    /// Claims up to ARGV[3] messages due at ARGV[2] (ms), earliest first; returns the earliest still pending (ms, -1 for
    /// none), then id, account, number, ticks, message for each.
    /// </summary>
    public const string Claim = """
        local a = ARGV[1]
        local ids = redis.call('ZRANGEBYSCORE', a .. ':ds:due', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
        local out = { -1 }
        for _, id in ipairs(ids) do
          redis.call('ZREM', a .. ':ds:due', id)
          redis.call('SADD', a .. ':ds:claimed', id)
          local f = redis.call('HMGET', a .. ':ds:' .. id, 'account', 'number', 'nb', 'msg')
          out[#out + 1] = id
          for _, v in ipairs(f) do out[#out + 1] = v end
        end
        local first = redis.call('ZRANGE', a .. ':ds:due', 0, 0, 'WITHSCORES')
        if #first > 0 then out[1] = first[2] end
        return out
        """;

    /// <summary>Deletes the claimed messages among ids ARGV[2..]; returns how many.</summary>
    public const string Complete = """
        local a, deleted = ARGV[1], 0
        for i = 2, #ARGV do
          local id = ARGV[i]
          if redis.call('SREM', a .. ':ds:claimed', id) == 1 then
            local key = a .. ':ds:' .. id
            redis.call('SREM', a .. ':ds:n:' .. redis.call('HGET', key, 'number'), id)
            redis.call('DEL', key)
            deleted = deleted + 1
          end
        end
        return deleted
        """;

    /// <summary>Deletes every message of number ARGV[2]; returns how many.</summary>
    public const string Delete = """
        local a, deleted = ARGV[1], 0
        local index = a .. ':ds:n:' .. ARGV[2]
        for _, id in ipairs(redis.call('SMEMBERS', index)) do
          deleted = deleted + redis.call('DEL', a .. ':ds:' .. id)
          redis.call('ZREM', a .. ':ds:due', id)
          redis.call('SREM', a .. ':ds:claimed', id)
        end
        redis.call('DEL', index)
        return deleted
        """;
}
