namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The Lua scripts that make each change atomic. Every key starts with the hash-tagged root (<c>{prefix}</c>), so a
/// script touches one slot. Times are UTC ticks (exact, stored as text) and, for sorted-set scores, milliseconds.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// Applies a batch of consent events with their outbox messages; returns one status per event (1 applied, 2 already
    /// in state, 3 duplicate). Per event: 12 fields, the number's pseudonyms under every configured key (a count, then
    /// the values: an opt-in lifts the pseudonymous suppressions of an erased number), then its outbox messages. The
    /// number's event members and outbox ids are indexed for erasure, and the account is remembered. A store's first
    /// write records that its data is indexed from the start (layout 2), so no upgrade scan is ever needed for it.
    /// </summary>
    public const string Apply = """
        local root = ARGV[1]
        if redis.call('EXISTS', root .. ':layout') == 0 and redis.call('EXISTS', root .. ':seq') == 0 and redis.call('EXISTS', root .. ':tokexp') == 0 then
          redis.call('SET', root .. ':layout', '2')
        end
        local n = tonumber(ARGV[2])
        local i = 3
        local results = {}
        for e = 1, n do
          local account, id, num, num15, kind, scope, list = ARGV[i], ARGV[i+1], ARGV[i+2], ARGV[i+3], ARGV[i+4], ARGV[i+5], ARGV[i+6]
          local since, source, json, recorded = ARGV[i+7], ARGV[i+8], ARGV[i+9], ARGV[i+10]
          local outboxCount, pseudonymCount = tonumber(ARGV[i+11]), tonumber(ARGV[i+12])
          local pseudonyms = {}
          for k = 1, pseudonymCount do pseudonyms[k] = ARGV[i+12+k] end
          i = i + 13 + pseudonymCount
          local a = root .. ':a:' .. account
          redis.call('SADD', root .. ':accts', account)
          local supz, supd = a .. ':supz', a .. ':supd'
          local status
          if redis.call('SISMEMBER', a .. ':evid', id) == 1 then
            status = 3
          else
            local changed = false
            if kind == '1' then
              if scope == '1' then
                changed = redis.call('SADD', a .. ':sup', num) == 1
              elseif redis.call('SISMEMBER', a .. ':sup', num) == 0 then
                changed = redis.call('SADD', a .. ':sup:l:' .. list, num) == 1
              end
              if changed then
                local member = num15 .. '|' .. list
                redis.call('ZADD', supz, 0, member)
                redis.call('HSET', supd, member, since .. '|' .. source .. '|' .. id)
              end
            else
              local members = {}
              if scope == '1' then
                members = redis.call('ZRANGEBYLEX', supz, '[' .. num15 .. '|', '[' .. num15 .. '|\255')
              elseif redis.call('SISMEMBER', a .. ':sup:l:' .. list, num) == 1 then
                members = { num15 .. '|' .. list }
              end
              for _, m in ipairs(members) do
                local key = string.sub(m, 17)
                if key == '' then redis.call('SREM', a .. ':sup', num) else redis.call('SREM', a .. ':sup:l:' .. key, num) end
                redis.call('ZREM', supz, m)
                redis.call('HDEL', supd, m)
                changed = true
              end
              if pseudonymCount > 0 and redis.call('EXISTS', a .. ':erk') == 1 then
                local lifted = false
                for _, p in ipairs(pseudonyms) do
                  if scope == '1' then
                    if redis.call('SREM', a .. ':psup', p) == 1 then lifted = true end
                    for _, l in ipairs(redis.call('SMEMBERS', a .. ':plists')) do
                      if redis.call('SREM', a .. ':psup:l:' .. l, p) == 1 then lifted = true end
                    end
                  elseif redis.call('SREM', a .. ':psup:l:' .. list, p) == 1 then
                    lifted = true
                  end
                end
                if lifted then
                  changed = true
                  redis.call('INCR', a .. ':erv')
                end
              end
            end
            if changed then
              redis.call('SADD', a .. ':evid', id)
              redis.call('RPUSH', a .. ':hist:' .. num, json)
              local member = recorded .. '|' .. string.format('%019d', redis.call('INCR', root .. ':seq'))
              redis.call('ZADD', a .. ':evz', 0, member)
              redis.call('HSET', a .. ':evd', member, json)
              redis.call('SADD', a .. ':evn:' .. num, member)
              status = 1
            else
              status = 2
            end
          end
          for o = 1, outboxCount do
            if status == 1 then
              local mid = ARGV[i]
              redis.call('HSET', root .. ':msg:' .. mid, 'account', account, 'list', ARGV[i+1], 'event', ARGV[i+2], 'payload', ARGV[i+3],
                'created', ARGV[i+4], 'next', ARGV[i+5], 'attempts', '0', 'state', '0')
              if ARGV[i+7] ~= '' then redis.call('HSET', root .. ':msg:' .. mid, 'target', ARGV[i+7]) end
              redis.call('ZADD', root .. ':due', ARGV[i+6], mid)
              redis.call('SADD', a .. ':msgn:' .. num, mid)
              redis.call('HINCRBY', a .. ':cnt', '0', 1)
              redis.call('HINCRBY', root .. ':cnt', '0', 1)
            end
            i = i + 8
          end
          results[e] = status
        end
        return results
        """;

    /// <summary>
    /// Erases a number from an account (ARGV: root, account, number, number as 15 digits, pseudonym, key id, request id,
    /// reason, erased-at ticks): its suppressions move to the pseudonym in the same scopes; its events (log, history,
    /// event index, ids), outbox messages, tokens and reply row are deleted; the audit record is kept when anything was
    /// there. One script: all or nothing. Returns {events, suppressions, tokens, webhooks, replies}.
    /// </summary>
    public const string Erase = """
        local root, account, num, num15, p, keyId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
        local a = root .. ':a:' .. account
        local suppressions = 0
        for _, m in ipairs(redis.call('ZRANGEBYLEX', a .. ':supz', '[' .. num15 .. '|', '[' .. num15 .. '|\255')) do
          local list = string.sub(m, 17)
          if list == '' then
            redis.call('SREM', a .. ':sup', num)
            redis.call('SADD', a .. ':psup', p)
          else
            redis.call('SREM', a .. ':sup:l:' .. list, num)
            redis.call('SADD', a .. ':psup:l:' .. list, p)
            redis.call('SADD', a .. ':plists', list)
          end
          redis.call('ZREM', a .. ':supz', m)
          redis.call('HDEL', a .. ':supd', m)
          suppressions = suppressions + 1
        end
        if suppressions > 0 then
          redis.call('SADD', a .. ':erk', keyId)
          redis.call('INCR', a .. ':erv')
        end
        local history = redis.call('LRANGE', a .. ':hist:' .. num, 0, -1)
        for _, json in ipairs(history) do
          redis.call('SREM', a .. ':evid', cjson.decode(json)['Id'])
        end
        for _, m in ipairs(redis.call('SMEMBERS', a .. ':evn:' .. num)) do
          redis.call('HDEL', a .. ':evd', m)
          redis.call('ZREM', a .. ':evz', m)
        end
        redis.call('DEL', a .. ':hist:' .. num, a .. ':evn:' .. num)
        local webhooks = 0
        for _, mid in ipairs(redis.call('SMEMBERS', a .. ':msgn:' .. num)) do
          local key = root .. ':msg:' .. mid
          local state = redis.call('HGET', key, 'state')
          if state then
            redis.call('ZREM', root .. ':due', mid)
            redis.call('ZREM', root .. ':delivered', mid)
            redis.call('ZREM', a .. ':dead', mid)
            redis.call('HINCRBY', a .. ':cnt', state, -1)
            redis.call('HINCRBY', root .. ':cnt', state, -1)
            redis.call('DEL', key)
            webhooks = webhooks + 1
          end
        end
        redis.call('DEL', a .. ':msgn:' .. num)
        local tokens = 0
        for _, t in ipairs(redis.call('SMEMBERS', a .. ':tokn:' .. num)) do
          tokens = tokens + redis.call('DEL', root .. ':tok:' .. t)
        end
        redis.call('DEL', a .. ':tokn:' .. num)
        local replies = redis.call('HDEL', a .. ':reply', num)
        if #history + suppressions + tokens + webhooks + replies > 0 then
          redis.call('RPUSH', a .. ':era', cjson.encode({ RequestId = ARGV[7], Reason = ARGV[8], ErasedAt = ARGV[9],
            Events = #history, Suppressions = suppressions, Tokens = tokens, Webhooks = webhooks, Replies = replies }))
        end
        return { #history, suppressions, tokens, webhooks, replies }
        """;

    /// <summary>Replaces an event's JSON in its log and history if it is still ARGV[3] (KEYS-free: ARGV[1] the log hash, ARGV[2] its member, ARGV[4] the new JSON, ARGV[5] the history list); 1 when replaced.</summary>
    public const string ReplaceEvent = """
        if redis.call('HGET', ARGV[1], ARGV[2]) ~= ARGV[3] then return 0 end
        redis.call('HSET', ARGV[1], ARGV[2], ARGV[4])
        local at = redis.call('LPOS', ARGV[5], ARGV[3])
        if at then redis.call('LSET', ARGV[5], at, ARGV[4]) end
        return 1
        """;

    /// <summary>
    /// Adds tokens that do not exist yet; returns the ones that did. Per token: the token, its JSON, its expiry (ms), the
    /// key of its number's token index (for erasure) and its account. The added tokens of one expiry go into one list
    /// (<c>tokg:&lt;n&gt;</c>) and only that list enters the expiry index, so a batch costs one index entry, not one per token.
    /// </summary>
    public const string AddTokens = """
        local root = ARGV[1]
        if redis.call('EXISTS', root .. ':layout') == 0 and redis.call('EXISTS', root .. ':seq') == 0 and redis.call('EXISTS', root .. ':tokexp') == 0 then
          redis.call('SET', root .. ':layout', '2')
        end
        local taken = {}
        local groups = {}
        for k = 3, 2 + tonumber(ARGV[2]) * 5, 5 do
          if redis.call('SET', root .. ':tok:' .. ARGV[k], ARGV[k+1], 'NX') then
            redis.call('SADD', ARGV[k+3], ARGV[k])
            redis.call('SADD', root .. ':accts', ARGV[k+4])
            local group = groups[ARGV[k+2]]
            if not group then
              group = {}
              groups[ARGV[k+2]] = group
            end
            group[#group + 1] = ARGV[k]
          else
            taken[#taken + 1] = ARGV[k]
          end
        end
        for expiry, tokens in pairs(groups) do
          local key = root .. ':tokg:' .. redis.call('INCR', root .. ':tokgid')
          for i = 1, #tokens, 1000 do
            redis.call('RPUSH', key, unpack(tokens, i, math.min(i + 999, #tokens)))
          end
          redis.call('ZADD', root .. ':tokexp', expiry, key)
        end
        return taken
        """;

    /// <summary>
    /// Deletes the tokens of up to ARGV[3] expiry-index entries due at or before ARGV[2] (ms); returns
    /// {entries, tokens deleted}. An entry is a token list, or a single token written by versions before the lists.
    /// </summary>
    public const string DeleteExpiredTokens = """
        local root = ARGV[1]
        local entries = redis.call('ZRANGEBYSCORE', root .. ':tokexp', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
        local groupPrefix = root .. ':tokg:'
        local deleted = 0
        for _, entry in ipairs(entries) do
          if string.sub(entry, 1, #groupPrefix) == groupPrefix then
            local tokens = redis.call('LRANGE', entry, 0, -1)
            for _, t in ipairs(tokens) do
              deleted = deleted + redis.call('DEL', root .. ':tok:' .. t)
            end
            redis.call('DEL', entry)
          else
            deleted = deleted + redis.call('DEL', root .. ':tok:' .. entry)
          end
          redis.call('ZREM', root .. ':tokexp', entry)
        end
        return {#entries, deleted}
        """;

    /// <summary>
    /// Claims ARGV[2]'s report for owner ARGV[3] until ARGV[4] (ticks) unless another owner's lease runs past ARGV[5];
    /// 1 when claimed.
    /// </summary>
    public const string ClaimReport = """
        local held = redis.call('HGET', ARGV[1], ARGV[2])
        if held then
          local bar = string.find(held, '|', 1, true)
          if string.sub(held, bar + 1) ~= ARGV[3] and tonumber(string.sub(held, 1, bar - 1)) > tonumber(ARGV[5]) then return 0 end
        end
        redis.call('HSET', ARGV[1], ARGV[2], ARGV[4] .. '|' .. ARGV[3])
        return 1
        """;

    /// <summary>Records a reply unless the last one is more recent than the threshold (ticks), and remembers the account (ARGV[5] the set, ARGV[6] the account); 1 when recorded.</summary>
    public const string RecordReply = """
        local last = redis.call('HGET', ARGV[1], ARGV[2])
        if last and tonumber(last) > tonumber(ARGV[4]) then return 0 end
        redis.call('HSET', ARGV[1], ARGV[2], ARGV[3])
        redis.call('SADD', ARGV[5], ARGV[6])
        return 1
        """;

    /// <summary>
    /// Leases due messages to ARGV[6]: pending, next attempt and lease expiry not after now. A claimed message is
    /// re-scored at its lease expiry, so a dispatcher that dies gives it back by itself. Returns id, fields pairs.
    /// </summary>
    public const string Claim = """
        local root, nowMs, nowTicks, leaseTicks, leaseMs, owner, limit = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
        local ids = redis.call('ZRANGEBYSCORE', root .. ':due', '-inf', nowMs, 'LIMIT', 0, limit * 4)
        local out = {}
        local claimed = 0
        for _, id in ipairs(ids) do
          if claimed == limit then break end
          local key = root .. ':msg:' .. id
          local fields = redis.call('HMGET', key, 'state', 'next', 'leaseexp')
          if fields[1] == '0' and tonumber(fields[2]) <= nowTicks and ((not fields[3]) or tonumber(fields[3]) <= nowTicks) then
            redis.call('HSET', key, 'owner', owner, 'leaseexp', leaseTicks)
            redis.call('ZADD', root .. ':due', leaseMs, id)
            table.insert(out, id)
            table.insert(out, redis.call('HGETALL', key))
            claimed = claimed + 1
          end
        end
        return out
        """;

    /// <summary>Records an attempt if ARGV[3] still holds the lease; 1 when written.</summary>
    public const string RecordAttempt = """
        local root, id, owner, state, attempts, nextTicks, lastTicks, nextMs, lastMs, err = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]
        local key = root .. ':msg:' .. id
        local current = redis.call('HMGET', key, 'owner', 'state', 'account', 'created')
        if current[1] ~= owner or current[2] ~= '0' then return 0 end
        redis.call('HSET', key, 'state', state, 'attempts', attempts, 'next', nextTicks, 'last', lastTicks)
        redis.call('HDEL', key, 'owner', 'leaseexp')
        if err == '' then redis.call('HDEL', key, 'error') else redis.call('HSET', key, 'error', string.sub(err, 2)) end
        -- The account's most recent attempts (the dashboard's recent deliveries), the newest 500 kept.
        local recent = root .. ':a:' .. current[3] .. ':recent'
        redis.call('ZADD', recent, lastMs, id)
        redis.call('ZREMRANGEBYRANK', recent, 0, -501)
        if state == '0' then
          redis.call('ZADD', root .. ':due', nextMs, id)
        else
          local a = root .. ':a:' .. current[3]
          redis.call('ZREM', root .. ':due', id)
          if state == '1' then
            redis.call('ZADD', root .. ':delivered', lastMs, id)
          else
            redis.call('ZADD', a .. ':dead', math.floor(tonumber(current[4]) / 10000), id)
          end
          redis.call('HINCRBY', a .. ':cnt', '0', -1)
          redis.call('HINCRBY', a .. ':cnt', state, 1)
          redis.call('HINCRBY', root .. ':cnt', '0', -1)
          redis.call('HINCRBY', root .. ':cnt', state, 1)
        end
        return 1
        """;

    /// <summary>Makes dead letters of an account pending again (all, or the ids after ARGV[5]); returns how many.</summary>
    public const string Replay = """
        local root, account, nowTicks, nowMs = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local a = root .. ':a:' .. account
        local ids = {}
        if ARGV[5] == 'all' then ids = redis.call('ZRANGE', a .. ':dead', 0, -1) else for k = 6, #ARGV do table.insert(ids, ARGV[k]) end end
        local count = 0
        for _, id in ipairs(ids) do
          if redis.call('ZREM', a .. ':dead', id) == 1 then
            local key = root .. ':msg:' .. id
            redis.call('HSET', key, 'state', '0', 'attempts', '0', 'next', nowTicks)
            redis.call('HDEL', key, 'owner', 'leaseexp')
            redis.call('ZADD', root .. ':due', nowMs, id)
            redis.call('HINCRBY', a .. ':cnt', '2', -1)
            redis.call('HINCRBY', a .. ':cnt', '0', 1)
            redis.call('HINCRBY', root .. ':cnt', '2', -1)
            redis.call('HINCRBY', root .. ':cnt', '0', 1)
            count = count + 1
          end
        end
        return count
        """;

    /// <summary>
    /// Makes pending, unleased messages of account ARGV[4] ('' for all) waiting after ARGV[2] (ms) due then, scanning ARGV[6]
    /// entries of the due index after skipping ARGV[5]; returns {made, scanned}.
    /// </summary>
    public const string MakeDue = """
        local root, nowMs, nowTicks, account = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
        local ids = redis.call('ZRANGEBYSCORE', root .. ':due', '(' .. nowMs, '+inf', 'LIMIT', tonumber(ARGV[5]), tonumber(ARGV[6]))
        local made = 0
        for _, id in ipairs(ids) do
          local key = root .. ':msg:' .. id
          local fields = redis.call('HMGET', key, 'state', 'leaseexp', 'account')
          if fields[1] == '0' and ((not fields[2]) or tonumber(fields[2]) <= nowTicks) and (account == '' or fields[3] == account) then
            redis.call('HSET', key, 'next', ARGV[3])
            redis.call('ZADD', root .. ':due', nowMs, id)
            made = made + 1
          end
        end
        return {made, #ids}
        """;

    /// <summary>Deletes up to ARGV[3] messages delivered before ARGV[2] (ms, exclusive); returns how many.</summary>
    public const string DeleteDelivered = """
        local root = ARGV[1]
        local ids = redis.call('ZRANGEBYSCORE', root .. ':delivered', '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
        for _, id in ipairs(ids) do
          local key = root .. ':msg:' .. id
          local account = redis.call('HGET', key, 'account')
          redis.call('DEL', key)
          redis.call('ZREM', root .. ':delivered', id)
          if account then
            redis.call('HINCRBY', root .. ':a:' .. account .. ':cnt', '1', -1)
            redis.call('HINCRBY', root .. ':cnt', '1', -1)
          end
        end
        return #ids
        """;

    /// <summary>
    /// An account's pseudonymous suppressions for holding in memory (ARGV: the account's key, the most to return): its
    /// erasure version, then, unless there are more than the most, its key members, its account-wide pseudonyms and
    /// each list with its pseudonyms. One script, so they all belong to the version returned.
    /// </summary>
    public const string LoadErased = """
        local a, most = ARGV[1], tonumber(ARGV[2])
        local version = redis.call('GET', a .. ':erv') or '0'
        local lists = redis.call('SMEMBERS', a .. ':plists')
        local total = redis.call('SCARD', a .. ':psup')
        for _, l in ipairs(lists) do total = total + redis.call('SCARD', a .. ':psup:l:' .. l) end
        if total > most then return { version } end
        local result = { version, redis.call('SMEMBERS', a .. ':erk'), redis.call('SMEMBERS', a .. ':psup') }
        for _, l in ipairs(lists) do
          table.insert(result, l)
          table.insert(result, redis.call('SMEMBERS', a .. ':psup:l:' .. l))
        end
        return result
        """;
}
