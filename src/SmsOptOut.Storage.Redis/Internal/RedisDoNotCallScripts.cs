namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The Lua scripts of the Do-Not-Call registry. <c>root:dnc</c> is a hash from scope (<c>g</c> for every account,
/// <c>a:</c> and the account otherwise) to <c>setId|yyyy-MM-dd|importedTicks|count</c>; each set's numbers are the set
/// <c>root:dnc:s:setId</c>. Swapping the pointer and reading through it are each one script, so a reader sees one
/// whole set.
/// </summary>
internal static class RedisDoNotCallScripts
{
    /// <summary>
    /// Points the scope (ARGV[2]) at set ARGV[3] with date ARGV[4] and import time ARGV[5], keeps the set, and unlinks
    /// the set it replaces; returns the new set's size.
    /// </summary>
    public const string Swap = """
        local root, scope, id = ARGV[1], ARGV[2], ARGV[3]
        local key = root .. ':dnc:s:' .. id
        local count = redis.call('SCARD', key)
        redis.call('PERSIST', key)
        local old = redis.call('HGET', root .. ':dnc', scope)
        redis.call('HSET', root .. ':dnc', scope, id .. '|' .. ARGV[4] .. '|' .. ARGV[5] .. '|' .. count)
        if old then
          local oldId = string.match(old, '^([^|]+)')
          if oldId ~= id then redis.call('UNLINK', root .. ':dnc:s:' .. oldId) end
        end
        return count
        """;

    /// <summary>Removes the scope ARGV[2] and unlinks its set; returns 1 when there was one.</summary>
    public const string Remove = """
        local root, scope = ARGV[1], ARGV[2]
        local old = redis.call('HGET', root .. ':dnc', scope)
        if not old then return 0 end
        redis.call('HDEL', root .. ':dnc', scope)
        redis.call('UNLINK', root .. ':dnc:s:' .. string.match(old, '^([^|]+)'))
        return 1
        """;

    /// <summary>
    /// For each number in ARGV[3..], 1 when it is in the set of the scope ARGV[2] or of every account, else 0; both
    /// pointers are read in the same script as the sets, so a swap is never seen halfway. SMISMEMBER goes in slices of
    /// 4,000 (Lua's unpack is bounded).
    /// </summary>
    public const string Filter = """
        local root = ARGV[1]
        local pointers = redis.call('HMGET', root .. ':dnc', 'g', ARGV[2])
        local n = #ARGV - 2
        local result = {}
        for i = 1, n do result[i] = 0 end
        for _, pointer in ipairs(pointers) do
          if pointer then
            local key = root .. ':dnc:s:' .. string.match(pointer, '^([^|]+)')
            for first = 3, #ARGV, 4000 do
              local last = math.min(first + 3999, #ARGV)
              local hits = redis.call('SMISMEMBER', key, unpack(ARGV, first, last))
              for i = 1, #hits do if hits[i] == 1 then result[first - 3 + i] = 1 end end
            end
          end
        end
        return result
        """;
}
