namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The Lua scripts of held messages. Each is the hash <c>root:ds:id</c> (<c>account</c>, <c>number</c>, <c>nb</c> in
/// ticks, <c>msg</c>); <c>root:ds:due</c> scores pending ids by due time in milliseconds, <c>root:ds:claimed</c> holds
/// claimed ids, <c>root:ds:n:number</c> the ids of a number. ARGV[1] is the root.
/// </summary>
internal static class RedisDeferredSendScripts
{
    /// <summary>Adds messages given as id, account, number, due ticks, due ms, message; an existing id is kept.</summary>
    public const string Add = """
        local root = ARGV[1]
        for i = 2, #ARGV, 6 do
          local id = ARGV[i]
          local key = root .. ':ds:' .. id
          if redis.call('EXISTS', key) == 0 then
            redis.call('HSET', key, 'account', ARGV[i + 1], 'number', ARGV[i + 2], 'nb', ARGV[i + 3], 'msg', ARGV[i + 5])
            redis.call('ZADD', root .. ':ds:due', ARGV[i + 4], id)
            redis.call('SADD', root .. ':ds:n:' .. ARGV[i + 2], id)
          end
        end
        return 0
        """;

    /// <summary>Claims up to ARGV[3] messages due at ARGV[2] (ms), earliest first; returns id, account, number, ticks, message for each.</summary>
    public const string Claim = """
        local root = ARGV[1]
        local ids = redis.call('ZRANGEBYSCORE', root .. ':ds:due', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
        local out = {}
        for _, id in ipairs(ids) do
          redis.call('ZREM', root .. ':ds:due', id)
          redis.call('SADD', root .. ':ds:claimed', id)
          local f = redis.call('HMGET', root .. ':ds:' .. id, 'account', 'number', 'nb', 'msg')
          out[#out + 1] = id
          for _, v in ipairs(f) do out[#out + 1] = v end
        end
        return out
        """;

    /// <summary>Deletes the claimed messages among ids ARGV[2..]; returns how many.</summary>
    public const string Complete = """
        local root, deleted = ARGV[1], 0
        for i = 2, #ARGV do
          local id = ARGV[i]
          if redis.call('SREM', root .. ':ds:claimed', id) == 1 then
            local key = root .. ':ds:' .. id
            redis.call('SREM', root .. ':ds:n:' .. redis.call('HGET', key, 'number'), id)
            redis.call('DEL', key)
            deleted = deleted + 1
          end
        end
        return deleted
        """;

    /// <summary>Deletes every message of number ARGV[3] in account ARGV[2]; returns how many.</summary>
    public const string Delete = """
        local root, account, number, deleted = ARGV[1], ARGV[2], ARGV[3], 0
        local index = root .. ':ds:n:' .. number
        for _, id in ipairs(redis.call('SMEMBERS', index)) do
          local key = root .. ':ds:' .. id
          if redis.call('HGET', key, 'account') == account then
            redis.call('DEL', key)
            redis.call('ZREM', root .. ':ds:due', id)
            redis.call('SREM', root .. ':ds:claimed', id)
            redis.call('SREM', index, id)
            deleted = deleted + 1
          end
        end
        return deleted
        """;

    /// <summary>The accounts of the messages of number ARGV[2].</summary>
    public const string Accounts = """
        local root, seen, out = ARGV[1], {}, {}
        for _, id in ipairs(redis.call('SMEMBERS', root .. ':ds:n:' .. ARGV[2])) do
          local account = redis.call('HGET', root .. ':ds:' .. id, 'account')
          if account and not seen[account] then seen[account] = true; out[#out + 1] = account end
        end
        return out
        """;
}
