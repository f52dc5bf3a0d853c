namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The Lua scripts that make each change atomic. Each works on one account's keys, which all start with the account's
/// hash tag (<c>{prefix:a:account}</c>): ARGV[1] is that root and the script is sent with it as its key, so on a Redis
/// Cluster it runs on the master of the account's slot. Times are UTC ticks (exact, stored as text) and, for
/// sorted-set scores, milliseconds.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// Where an event's record is (key layout 4): the record of log leaf i is element i % 128 of list <c>ev:&lt;i / 128&gt;</c>;
    /// an event from before the consent log (no leaf) has index -1 - j and is element j of <c>evpre</c>. A record starts
    /// with its id's key form (<see cref="RedisEventRecord"/>).
    /// </summary>
    /// <remarks>
    /// The id and number indexes are bucketed hashes that stay listpacks (<c>hash-max-listpack-entries</c> 128): the
    /// entry placed n-th (its ordinal) goes to level l, where level 0 takes the first 64 ordinals, level 1 the next
    /// 64 × 16 and so on, into bucket <c>sha1(field) mod 16^l</c> of <c>&lt;name&gt;:&lt;l&gt;:&lt;bucket&gt;</c>: about
    /// 64 entries a bucket at every size of account, so an entry costs ~20 bytes instead of a hash table's ~60–75. A
    /// lookup tries the levels the ordinals so far reach (5 for 16 M entries). The ordinal of an id is its event's index
    /// (−1 − index for one before the log), of a number its place in the counter <c>evnumc</c>. The suppressions' details
    /// (<c>supd</c>: member → since|source|the event's log index, about 20 bytes, within <c>hash-max-listpack-value</c>;
    /// readers get the event id's key form in its place, read from the record)
    /// are kept the same way, the ordinal from <c>supdc</c>.
    /// </remarks>
    /// <summary>A number as <c>supz</c> names it (<see cref="SuppressionKeys.Number"/>): 9 base-62 characters; exact, as numbers stay below 2⁵³.</summary>
    private const string NumberKey = """
        local function b62(n)
          local digits, s = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', ''
          for _ = 1, 9 do
            local d = n % 62
            s = string.sub(digits, d + 1, d + 1) .. s
            n = (n - d) / 62
          end
          return s
        end

        """;

    /// <summary>
    /// Members of <c>supt</c>, the listing's index by since (key layout 7, <see cref="SuppressionKeys.ListingMember"/>): the
    /// since (11 base-62 characters of ticks) in microseconds and the number (9 base-62 characters), 7 big-endian bytes
    /// each, then the list. Byte arithmetic, as Lua's numbers are doubles and ticks need 60 bits.
    /// </summary>
    private const string ListingKey = """
        local function digit62(c)
          if c <= 57 then return c - 48 elseif c <= 90 then return c - 55 end
          return c - 61
        end
        local function lmember(since, num9, list)
          local t = { 0, 0, 0, 0, 0, 0, 0, 0 }
          for c = 1, #since do
            local carry = digit62(string.byte(since, c))
            for j = 8, 1, -1 do
              local v = t[j] * 62 + carry
              t[j] = v % 256
              carry = (v - t[j]) / 256
            end
          end
          local rem = 0
          for j = 1, 8 do
            local v = rem * 256 + t[j]
            rem = v % 10
            t[j] = (v - rem) / 10
          end
          if t[1] ~= 0 then for j = 2, 8 do t[j] = 255 end end
          local n, b = 0, {}
          for c = 1, #num9 do n = n * 62 + digit62(string.byte(num9, c)) end
          for j = 7, 1, -1 do
            b[j] = n % 256
            n = (n - b[j]) / 256
          end
          return string.char(t[2], t[3], t[4], t[5], t[6], t[7], t[8], b[1], b[2], b[3], b[4], b[5], b[6], b[7]) .. list
        end
        -- The member of supt of a member of supz (number|list) whose details start with since at.
        local function lmemberof(at, m) return lmember(at, string.sub(m, 1, 9), string.sub(m, 11)) end

        """;

    private const string EventPlaces = """
        local function place(a, i)
          if i < 0 then return a .. ':evpre', -i - 1 end
          return a .. ':ev:' .. math.floor(i / 128), i % 128
        end
        local function keyof(r) return string.sub(r, 3, 2 + string.byte(r, 1) * 256 + string.byte(r, 2)) end
        local function levelof(o)
          local l, span = 0, 64
          while o >= span do o, l, span = o - span, l + 1, span * 16 end
          return l
        end
        local hashes = {}
        local function hashof(field)
          local h = hashes[field]
          if not h then
            h = tonumber(string.sub(redis.sha1hex(field), 1, 8), 16)
            hashes[field] = h
          end
          return h
        end
        local function bucket(a, name, l, h) return a .. ':' .. name .. ':' .. l .. ':' .. (h % (16 ^ l)) end
        local function slot(a, name, field, ordinal) return bucket(a, name, levelof(ordinal), hashof(field)) end
        local function find(a, name, field, count)
          if count <= 0 then return nil end
          local h = hashof(field)
          for l = levelof(count - 1), 0, -1 do
            local key = bucket(a, name, l, h)
            local value = redis.call('HGET', key, field)
            if value then return key, value end
          end
          return nil
        end
        local function ids(a) return redis.call('LLEN', a .. ':log') + redis.call('LLEN', a .. ':evpre') end
        -- Widens the span of recording times (19-digit ticks) of event list chunk in evtime to take recorded.
        local function widen(a, chunk, recorded)
          local span = redis.call('HGET', a .. ':evtime', chunk)
          if span then
            local low, high = string.sub(span, 1, 19), string.sub(span, 21)
            if recorded < low then low = recorded end
            if recorded > high then high = recorded end
            span = low .. ' ' .. high
          else
            span = recorded .. ' ' .. recorded
          end
          redis.call('HSET', a .. ':evtime', chunk, span)
        end
        -- The ordinal counters, read once per script and moved through ordinal() only.
        local counters = {}
        local function counted(a, name)
          local k = a .. ':' .. name
          local v = counters[k]
          if not v then
            v = tonumber(redis.call('GET', k) or '0')
            counters[k] = v
          end
          return v
        end
        local function ordinal(a, name)
          local k = a .. ':' .. name
          local v = redis.call('INCR', k)
          counters[k] = v
          return v - 1
        end
        local function numbers(a) return counted(a, 'evnumc') end
        local function details(a) return counted(a, 'supdc') end
        -- A suppression's details and where they are (false when absent).
        local function getd(a, m)
          local at, value = find(a, 'supd', m, details(a))
          return value, at or false
        end
        -- at: where getd found m (false: it found nothing), or nil to look it up.
        local function setd(a, m, value, at)
          if at == nil then at = find(a, 'supd', m, details(a)) end
          if not at then at = slot(a, 'supd', m, ordinal(a, 'supdc')) end
          redis.call('HSET', at, m, value)
        end
        -- A suppression's details end, after since and source, with its event: the event's log index (a negative one
        -- before the log), or '#' and the id's key form for one the index does not hold. heldid gives the key form.
        local function heldbar(v) return string.find(v, '|', string.find(v, '|', 1, true) + 1, true) end
        local function heldid(a, v)
          local bar = heldbar(v)
          if string.sub(v, bar + 1, bar + 1) == '#' then return string.sub(v, bar + 2) end
          local list, at = place(a, tonumber(string.sub(v, bar + 1)))
          local r = redis.call('LINDEX', list, at)
          if not r or #r < 2 then return '' end
          return keyof(r)
        end
        -- The details as readers take them: since|source|the event id's key form.
        local function withid(a, v)
          if not v then return v end
          return string.sub(v, 1, heldbar(v)) .. heldid(a, v)
        end
        local function deld(a, m)
          local at = find(a, 'supd', m, details(a))
          if at then redis.call('HDEL', at, m) end
        end

        """;

    /// <summary>
    /// Applies a batch of one account's consent events with their outbox messages; returns one status per event (1
    /// applied, 2 already in state, 3 duplicate) and last the earliest due time (ms) of the messages written when it
    /// is earlier than every webhook the account already had scheduled (the dispatchers must be told), else -1.
    /// Per event: 17 fields (then a pause's end as ticks and as milliseconds, the opt-out an opt-in reverts, the event's consent-log leaf, and its id's key form), the number's pseudonyms under every configured key (a count, then the values: an opt-in
    /// lifts the pseudonymous suppressions of an erased number), then its outbox messages. An applied event is stored once
    /// (key layout 4): its leaf pushed to <c>log</c> and its record to the list of its index (<see cref="EventPlaces"/>); its
    /// id indexed in <c>evix</c> (key form → index), its number's events in <c>evnum</c> (number → indexes, oldest first),
    /// and the span of recording times of each list of records in <c>evtime</c> (list → "min max", 19-digit ticks). The
    /// number's outbox ids are indexed for erasure. Each suppression is also kept in <c>supt</c>, the listing's index by since.
    /// Each change moves the account's change counter (<c>supv</c>) and pushes the number (and lifted pseudonyms) to
    /// <c>supc</c>, one element per count (key layout 7: a list, the last element the counter's), trimmed to the last
    /// 10,000 counts, for the suppression snapshots (<see cref="SnapshotDelta"/>).
    /// </summary>
    public const string Apply = EventPlaces + ListingKey + """
        local a = ARGV[1]
        local n = tonumber(ARGV[2])
        local i = 3
        local results = {}
        local earliest = -1
        local head = redis.call('ZRANGE', a .. ':due', 0, 0, 'WITHSCORES')
        local logged = redis.call('LLEN', a .. ':log')
        for e = 1, n do
          local id, num, num9, kind, scope, list = ARGV[i], ARGV[i+1], ARGV[i+2], ARGV[i+3], ARGV[i+4], ARGV[i+5]
          local since, source, record, recorded = ARGV[i+6], ARGV[i+7], ARGV[i+8], ARGV[i+9]
          local outboxCount, pseudonymCount = tonumber(ARGV[i+10]), tonumber(ARGV[i+11])
          local paused, pausedMs, ends, leaf, key = ARGV[i+12], ARGV[i+13], ARGV[i+14], ARGV[i+15], ARGV[i+16]
          local pseudonyms = {}
          for k = 1, pseudonymCount do pseudonyms[k] = ARGV[i+16+k] end
          i = i + 17 + pseudonymCount
          local supz = a .. ':supz'
          local status
          if find(a, 'evix', key, ids(a)) then
            status = 3
          else
            local changed = false
            local accountHeld, accountAt = getd(a, num9 .. '|')
            local heldPause = accountHeld and string.match(accountHeld, '^[^|]*|[^|:]*:([^|]*)|')
            if kind == '1' then
              if scope == '1' then
                changed = not redis.call('ZSCORE', supz, num9 .. '|')
                if not changed and heldPause and heldPause ~= paused then
                  -- Over a pause, a lasting opt-out makes it permanent and a new pause moves its end; a pause never weakens an opt-out.
                  local at = string.match(accountHeld, '^[^|]*')
                  redis.call('ZREM', a .. ':supt', lmember(at, num9, ''))
                  redis.call('ZREM', a .. ':pause', num)
                  changed = true
                end
              elseif not redis.call('ZSCORE', supz, num9 .. '|') or heldPause then
                changed = not redis.call('ZSCORE', supz, num9 .. '|' .. list)
              end
              if changed then
                local member = num9 .. '|' .. list
                local detail = source
                if scope == '1' and paused ~= '' then
                  detail = source .. ':' .. paused
                  redis.call('ZADD', a .. ':pause', pausedMs, num)
                end
                redis.call('ZADD', supz, 0, member)
                local at = nil
                if list == '' then at = accountAt end
                setd(a, member, since .. '|' .. detail .. '|' .. logged, at)
                redis.call('ZADD', a .. ':supt', 0, lmember(since, num9, list))
              end
            elseif ends ~= '' then
              -- An opt-in that reverts an opt-out (a pause's end, an undo) lifts that suppression alone, and only while it is still the number's.
              if accountHeld and heldid(a, accountHeld) == ends then
                local member = num9 .. '|'
                local at = string.match(accountHeld, '^[^|]*')
                redis.call('ZREM', a .. ':supt', lmemberof(at, member))
                redis.call('ZREM', supz, member)
                deld(a, member)
                redis.call('ZREM', a .. ':pause', num)
                changed = true
              end
            else
              local members = {}
              if scope == '1' then
                members = redis.call('ZRANGEBYLEX', supz, '[' .. num9 .. '|', '[' .. num9 .. '|\255')
              elseif redis.call('ZSCORE', supz, num9 .. '|' .. list) then
                members = { num9 .. '|' .. list }
              end
              for _, m in ipairs(members) do
                if string.sub(m, 11) == '' then redis.call('ZREM', a .. ':pause', num) end
                local held = getd(a, m)
                if held then
                  local at = string.match(held, '^[^|]*')
                  redis.call('ZREM', a .. ':supt', lmemberof(at, m))
                end
                redis.call('ZREM', supz, m)
                deld(a, m)
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
              redis.call('INCR', a .. ':supv')
              local noted = 'n' .. num
              for _, p in ipairs(pseudonyms) do noted = noted .. ' p' .. p end
              redis.call('RPUSH', a .. ':supc', noted)
              redis.call('LTRIM', a .. ':supc', -10000, -1)
              -- The consent log: the leaf at the next index (the script is atomic: commit order), and the event's record at the same place.
              local index = redis.call('RPUSH', a .. ':log', leaf) - 1
              logged = index + 1
              local chunk = math.floor(index / 128)
              redis.call('RPUSH', a .. ':ev:' .. chunk, record)
              redis.call('HSET', slot(a, 'evix', key, index), key, index)
              local at, held = find(a, 'evnum', num, numbers(a))
              if held then
                redis.call('HSET', at, num, held .. ' ' .. index)
              else
                redis.call('HSET', slot(a, 'evnum', num, ordinal(a, 'evnumc')), num, index)
              end
              widen(a, chunk, recorded)
              status = 1
            else
              status = 2
            end
          end
          for o = 1, outboxCount do
            if status == 1 then
              local mid = ARGV[i]
              redis.call('HSET', a .. ':msg:' .. mid, 'account', ARGV[i+8], 'list', ARGV[i+1], 'event', ARGV[i+2], 'payload', ARGV[i+3],
                'created', ARGV[i+4], 'next', ARGV[i+5], 'attempts', '0', 'state', '0')
              if ARGV[i+7] ~= '' then redis.call('HSET', a .. ':msg:' .. mid, 'target', ARGV[i+7]) end
              redis.call('ZADD', a .. ':due', ARGV[i+6], mid)
              redis.call('SADD', a .. ':msgn:' .. num, mid)
              redis.call('HINCRBY', a .. ':cnt', '0', 1)
              local due = tonumber(ARGV[i+6])
              if earliest == -1 or due < earliest then earliest = due end
            end
            i = i + 9
          end
          results[e] = status
        end
        if head[2] and tonumber(head[2]) <= earliest then earliest = -1 end
        results[n + 1] = earliest
        return results
        """;

    /// <summary>
    /// Erases a number from an account (ARGV: account root, number, number as <c>supz</c> names it, pseudonym, key id,
    /// request id, reason, erased-at ticks, the number's event indexes as the caller read them, the erasure record's leaf,
    /// the erased leaves' text): nothing happens and {-1, the indexes now} returns when they moved since the caller read them. Else its
    /// suppressions move to the pseudonym in the same scopes; its events' records
    /// become a tombstone, one zero byte (their leaves stay in the log), and leave the id and number indexes; its outbox messages, tokens and
    /// reply row are deleted; the audit record is kept when anything was there, with its leaf next in the log (and a
    /// one-byte record, 1, at its place in the event lists). One script: all or nothing. Returns {events, suppressions,
    /// tokens, webhooks, replies, the record's log index or -1, the
    /// deleted tokens...}: their pointers (which name only the account) are the caller's to delete. When the snapshots'
    /// change log (<c>supc</c>) names the number or suppressions moved, the snapshot floor (<c>supf</c>) rises to the
    /// counter, so every snapshot that may hold the number loads again, and the log is emptied (no snapshot reads a change
    /// below the floor) but for the pseudonym's count.
    /// </summary>
    public const string Erase = EventPlaces + ListingKey + """
        local a, num, num9, p, keyId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
        -- The erasure record's leaf (ARGV[10]) lists the number's events' leaves the caller read (ARGV[9]): if they moved
        -- since, nothing is changed and the caller reads them again.
        local _, listed = find(a, 'evnum', num, numbers(a))
        if (listed or '') ~= ARGV[9] then return { -1, listed or '' } end
        local suppressions = 0
        for _, m in ipairs(redis.call('ZRANGEBYLEX', a .. ':supz', '[' .. num9 .. '|', '[' .. num9 .. '|\255')) do
          local list = string.sub(m, 11)
          if list == '' then
            redis.call('ZREM', a .. ':pause', num)
            redis.call('SADD', a .. ':psup', p)
          else
            redis.call('SADD', a .. ':psup:l:' .. list, p)
            redis.call('SADD', a .. ':plists', list)
          end
          local held = getd(a, m)
          if held then
            local at = string.match(held, '^[^|]*')
            redis.call('ZREM', a .. ':supt', lmemberof(at, m))
          end
          redis.call('ZREM', a .. ':supz', m)
          deld(a, m)
          suppressions = suppressions + 1
        end
        if suppressions > 0 then
          redis.call('SADD', a .. ':erk', keyId)
          redis.call('INCR', a .. ':erv')
        end
        -- Whether the change log names the number: then, or when suppressions moved, the floor rises to the counter, so every
        -- snapshot from before loads again and reads no change up to it: those go, and the number with them.
        local noted = 'n' .. num
        local changed = false
        for _, e in ipairs(redis.call('LRANGE', a .. ':supc', 0, -1)) do
          for m in string.gmatch(e, '%S+') do
            if m == noted then changed = true break end
          end
          if changed then break end
        end
        if changed or suppressions > 0 then
          redis.call('DEL', a .. ':supc')
          if suppressions > 0 then
            redis.call('INCR', a .. ':supv')
            redis.call('RPUSH', a .. ':supc', 'p' .. p)
          end
          redis.call('SET', a .. ':supf', redis.call('GET', a .. ':supv') or '0')
        end
        -- The log keeps the leaves; the events' records and ids go.
        local events = 0
        local count = ids(a)
        local numberAt, held = find(a, 'evnum', num, numbers(a))
        for index in string.gmatch(held or '', '%S+') do
          local list, at = place(a, tonumber(index))
          local record = redis.call('LINDEX', list, at)
          if record and #record > 1 then
            local key = keyof(record)
            local idAt = find(a, 'evix', key, count)
            if idAt then redis.call('HDEL', idAt, key) end
          end
          -- An erased event's record is one zero byte: an empty or missing record is one deleted behind the store's back.
          redis.call('LSET', list, at, string.char(0))
          events = events + 1
        end
        if numberAt then redis.call('HDEL', numberAt, num) end
        local webhooks = 0
        for _, mid in ipairs(redis.call('SMEMBERS', a .. ':msgn:' .. num)) do
          local key = a .. ':msg:' .. mid
          local state = redis.call('HGET', key, 'state')
          if state then
            redis.call('ZREM', a .. ':due', mid)
            redis.call('ZREM', a .. ':delivered', mid)
            redis.call('ZREM', a .. ':dead', mid)
            redis.call('ZREM', a .. ':recent', mid)
            redis.call('HINCRBY', a .. ':cnt', state, -1)
            redis.call('DEL', key)
            webhooks = webhooks + 1
          end
        end
        redis.call('DEL', a .. ':msgn:' .. num)
        local tokens, deletedTokens = 0, {}
        for _, t in ipairs(redis.call('SMEMBERS', a .. ':tokn:' .. num)) do
          if redis.call('DEL', a .. ':tok:' .. t) == 1 then
            tokens = tokens + 1
            deletedTokens[#deletedTokens + 1] = t
          end
        end
        redis.call('DEL', a .. ':tokn:' .. num)
        local replies = redis.call('HDEL', a .. ':reply', num)
        local logIndex = -1
        if events + suppressions + tokens + webhooks + replies > 0 then
          -- The record's leaf, next in the log, and a one-byte record (1) at its place in the event lists: an erasure's.
          logIndex = redis.call('RPUSH', a .. ':log', ARGV[10]) - 1
          redis.call('RPUSH', a .. ':ev:' .. math.floor(logIndex / 128), string.char(1))
          redis.call('RPUSH', a .. ':era', cjson.encode({ RequestId = ARGV[6], Reason = ARGV[7], ErasedAt = ARGV[8],
            Events = events, Suppressions = suppressions, Tokens = tokens, Webhooks = webhooks, Replies = replies, LogIndex = logIndex, Leaves = ARGV[11] }))
        end
        local out = { events, suppressions, tokens, webhooks, replies, logIndex }
        for _, t in ipairs(deletedTokens) do out[#out + 1] = t end
        return out
        """;

    /// <summary>
    /// One account's move to key layout 7 (ARGV: the account's key): the listing index (<c>supt</c>) goes with its mark,
    /// to be built again in layout 7's form on the first listing; a change log (<c>supc</c>) still a sorted set goes, and
    /// the snapshot floor rises to the counter, so every snapshot loads again instead of reading changes from it.
    /// Idempotent: a list is left as it is.
    /// </summary>
    public const string MoveToLayout7 = """
        local a = ARGV[1]
        redis.call('DEL', a .. ':supt', a .. ':suptok')
        if redis.call('TYPE', a .. ':supc').ok == 'zset' then
          redis.call('DEL', a .. ':supc')
          redis.call('SET', a .. ':supf', redis.call('GET', a .. ':supv') or '0')
        end
        return 0
        """;

    /// <summary>
    /// Renames suppressions for the move to key layout 5 (ARGV: the account's key, then per suppression its layout-4
    /// member of <c>supz</c>, its layout-5 member and its details ending with '#' and the event id's key form, '' for
    /// none): each member still there moves with its details, which name the event by its log index where the id index
    /// holds it; one already moved is left as it is.
    /// </summary>
    public const string RenameSuppressions = EventPlaces + """
        local a = ARGV[1]
        for k = 2, #ARGV, 3 do
          local old, new, value = ARGV[k], ARGV[k + 1], ARGV[k + 2]
          if redis.call('ZSCORE', a .. ':supz', old) then
            deld(a, old)
            if value ~= '' then
              -- The event by its index where the id index holds it.
              local bar = heldbar(value)
              local _, index = find(a, 'evix', string.sub(value, bar + 2), ids(a))
              if index then value = string.sub(value, 1, bar) .. index end
              setd(a, new, value)
            end
            redis.call('ZREM', a .. ':supz', old)
            redis.call('ZADD', a .. ':supz', 0, new)
          end
        end
        return 0
        """;

    /// <summary>
    /// The details of suppressions (ARGV: the account's key, 1 to get them as stored or 0 with the event id's key form
    /// in place of the event, then their <c>supz</c> members): one value per member, nil for one not there.
    /// </summary>
    public const string Details = EventPlaces + """
        local out = {}
        for k = 3, #ARGV do
          local held = getd(ARGV[1], ARGV[k])
          if ARGV[2] == '0' then held = withid(ARGV[1], held) end
          out[k - 2] = held or false
        end
        return out
        """;

    /// <summary>
    /// Appends an erasure record's leaf (ARGV: the account's key, the log's size the caller read, the leaf, the record's
    /// JSON for <c>era</c>): the leaf to <c>log</c>, a one-byte record (1) at its place in the event lists, the record to
    /// <c>era</c>. Returns 1, or 0 without a change when the log no longer has that size.
    /// </summary>
    public const string AppendErasureRecord = """
        local a = ARGV[1]
        if redis.call('LLEN', a .. ':log') ~= tonumber(ARGV[2]) then return 0 end
        local index = redis.call('RPUSH', a .. ':log', ARGV[3]) - 1
        redis.call('RPUSH', a .. ':ev:' .. math.floor(index / 128), string.char(1))
        redis.call('RPUSH', a .. ':era', ARGV[4])
        return 1
        """;

    /// <summary>An event by its id's key form (ARGV: the account's key, the key form): {its bucket of <c>evix</c>, its index}, or {} when unknown.</summary>
    public const string FindEvent = EventPlaces + """
        local at, index = find(ARGV[1], 'evix', ARGV[2], ids(ARGV[1]))
        if at then return { at, index } end
        return {}
        """;

    /// <summary>A number's events (ARGV: the account's key, the number): their indexes, oldest first, space-separated, or nil.</summary>
    public const string NumberEvents = EventPlaces + """
        local _, held = find(ARGV[1], 'evnum', ARGV[2], numbers(ARGV[1]))
        return held
        """;

    /// <summary>
    /// Adds a chunk of an account's events from before the consent log (<c>evpre</c>) to the log, in their order (key
    /// layout 6). ARGV: the account's key, the place in <c>evpre</c> of the chunk's first event, the backfill's time
    /// (ticks), then per place six values: the event's new record (with its salt; empty for an erased or missing event,
    /// which is skipped), its leaf, its id's key form, its number in decimal and in base 62, its recording time (19-digit
    /// ticks). Each event's leaf and record go to the next log index, its id and number indexes and its suppressions'
    /// details move from its old (negative) index to the new one, and the list's span of recording times widens. The
    /// state (<c>bfill</c>: the log size the backfill started at, how many it added, the next place, its time) moves in
    /// the same script, so a chunk is added once: a chunk whose first place is not the next one returns the next place
    /// and changes nothing. Returns the next place.
    /// </summary>
    public const string BackfillLog = EventPlaces + """
        local a = ARGV[1]
        local from = tonumber(ARGV[2])
        local state = a .. ':bfill'
        local held = redis.call('HGET', state, 'next')
        if not held then
          if from ~= 0 then return 0 end
          redis.call('HSET', state, 'base', redis.call('LLEN', a .. ':log'), 'count', 0, 'next', 0, 'at', ARGV[3])
          held = '0'
        end
        if tonumber(held) ~= from then return tonumber(held) end
        local j, added = from, 0
        for k = 4, #ARGV, 6 do
          local record, leaf, key, num, num9, recorded = ARGV[k], ARGV[k+1], ARGV[k+2], ARGV[k+3], ARGV[k+4], ARGV[k+5]
          if record ~= '' then
            local old = tostring(-1 - j)
            local index = redis.call('RPUSH', a .. ':log', leaf) - 1
            local chunk = math.floor(index / 128)
            redis.call('RPUSH', a .. ':ev:' .. chunk, record)
            local at, value = find(a, 'evix', key, ids(a))
            if at and value == old then redis.call('HDEL', at, key) end
            if not at or value == old then redis.call('HSET', slot(a, 'evix', key, index), key, index) end
            local numberAt, indexes = find(a, 'evnum', num, numbers(a))
            if indexes then
              -- The old index replaced in place: the number's history keeps its order.
              local spaced = ' ' .. indexes .. ' '
              local p = string.find(spaced, ' ' .. old .. ' ', 1, true)
              if p then
                spaced = string.sub(spaced, 1, p) .. index .. string.sub(spaced, p + #old + 1)
                redis.call('HSET', numberAt, num, string.sub(spaced, 2, -2))
              end
            end
            for _, m in ipairs(redis.call('ZRANGEBYLEX', a .. ':supz', '[' .. num9 .. '|', '[' .. num9 .. '|\255')) do
              local detail, detailAt = getd(a, m)
              if detail then
                local bar = heldbar(detail)
                if string.sub(detail, bar + 1) == old then setd(a, m, string.sub(detail, 1, bar) .. index, detailAt) end
              end
            end
            widen(a, chunk, recorded)
            added = added + 1
          end
          j = j + 1
        end
        redis.call('HINCRBY', state, 'count', added)
        redis.call('HSET', state, 'next', j)
        return j
        """;

    /// <summary>
    /// Indexes moved events (ARGV: the account's key, then 'e' and pairs of an id's key form and its index, or 'n' and
    /// pairs of a number and its indexes, or 'd' and pairs of a suppression's member and details), as the apply script
    /// would have.
    /// </summary>
    public const string IndexEvents = EventPlaces + """
        local a = ARGV[1]
        for k = 3, #ARGV, 2 do
          if ARGV[2] == 'e' then
            local index = tonumber(ARGV[k+1])
            redis.call('HSET', slot(a, 'evix', ARGV[k], index < 0 and (-index - 1) or index), ARGV[k], ARGV[k+1])
          elseif ARGV[2] == 'd' then
            setd(a, ARGV[k], ARGV[k+1])
          else
            redis.call('HSET', slot(a, 'evnum', ARGV[k], ordinal(a, 'evnumc')), ARGV[k], ARGV[k+1])
          end
        end
        return 0
        """;

    /// <summary>Replaces an event's record if it is still ARGV[3] (KEYS-free: ARGV[1] its list, ARGV[2] its place there, ARGV[4] the new record); 1 when replaced.</summary>
    public const string ReplaceEvent = """
        if redis.call('LINDEX', ARGV[1], ARGV[2]) ~= ARGV[3] then return 0 end
        redis.call('LSET', ARGV[1], ARGV[2], ARGV[4])
        return 1
        """;

    /// <summary>Points tokens at their accounts in one pointer hash (ARGV: the hash, then token and account per token) unless a token is there already; returns the tokens that were.</summary>
    public const string PointTokens = """
        local taken = {}
        for k = 2, #ARGV, 2 do
          if redis.call('HSETNX', ARGV[1], ARGV[k], ARGV[k+1]) == 0 then taken[#taken + 1] = ARGV[k] end
        end
        return taken
        """;

    /// <summary>
    /// Adds a batch of an account's tokens whose pointers were just created (ARGV: account root, then token, JSON,
    /// number, expiry in ms per token): each is stored in the account's slot and joins its number's token index (for
    /// erasure); the tokens of one expiry go into one list (<c>tokg:&lt;n&gt;</c>) that enters the expiry index, so a
    /// batch costs one index entry, not one per token.
    /// </summary>
    public const string AddTokens = """
        local a = ARGV[1]
        local groups = {}
        for k = 2, #ARGV, 4 do
          redis.call('SET', a .. ':tok:' .. ARGV[k], ARGV[k+1])
          redis.call('SADD', a .. ':tokn:' .. ARGV[k+2], ARGV[k])
          local group = groups[ARGV[k+3]]
          if not group then
            group = a .. ':tokg:' .. redis.call('INCR', a .. ':tokgid')
            groups[ARGV[k+3]] = group
            redis.call('ZADD', a .. ':tokexp', ARGV[k+3], group)
          end
          redis.call('RPUSH', group, ARGV[k])
        end
        return 0
        """;

    /// <summary>
    /// Deletes the tokens of up to ARGV[3] of an account's expiry lists due at or before ARGV[2] (ms); returns
    /// {lists, tokens deleted, the deleted tokens...} (their pointers are the caller's to delete).
    /// </summary>
    public const string DeleteExpiredTokens = """
        local a = ARGV[1]
        local groups = redis.call('ZRANGEBYSCORE', a .. ':tokexp', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
        local out = { #groups, 0 }
        for _, group in ipairs(groups) do
          for _, t in ipairs(redis.call('LRANGE', group, 0, -1)) do
            if redis.call('DEL', a .. ':tok:' .. t) == 1 then
              out[2] = out[2] + 1
              out[#out + 1] = t
            end
          end
          redis.call('DEL', group)
          redis.call('ZREM', a .. ':tokexp', group)
        end
        return out
        """;

    /// <summary>
    /// Claims the report of the account whose claim key is ARGV[1] for owner ARGV[2] until ARGV[3] (ticks) unless another
    /// owner's lease runs past ARGV[4]; 1 when claimed.
    /// </summary>
    public const string ClaimReport = """
        local held = redis.call('GET', ARGV[1])
        if held then
          local bar = string.find(held, '|', 1, true)
          if string.sub(held, bar + 1) ~= ARGV[2] and tonumber(string.sub(held, 1, bar - 1)) > tonumber(ARGV[4]) then return 0 end
        end
        redis.call('SET', ARGV[1], ARGV[3] .. '|' .. ARGV[2])
        return 1
        """;

    /// <summary>Records a reply in hash ARGV[1] for number ARGV[2] at ARGV[3] unless the last one is more recent than ARGV[4] (ticks); 1 when recorded.</summary>
    public const string RecordReply = """
        local last = redis.call('HGET', ARGV[1], ARGV[2])
        if last and tonumber(last) > tonumber(ARGV[4]) then return 0 end
        redis.call('HSET', ARGV[1], ARGV[2], ARGV[3])
        return 1
        """;

    /// <summary>
    /// Leases an account's due messages to ARGV[6]: pending, next attempt and lease expiry not after now. A claimed
    /// message is re-scored at its lease expiry, so a dispatcher that dies gives it back by itself. Returns the
    /// account's earliest due time afterwards (ms, -1 when nothing is pending), then id, fields pairs.
    /// </summary>
    public const string Claim = """
        local a, nowMs, nowTicks, leaseTicks, leaseMs, owner, limit = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
        local ids = redis.call('ZRANGEBYSCORE', a .. ':due', '-inf', nowMs, 'LIMIT', 0, limit * 4)
        local out = { -1 }
        local claimed = 0
        for _, id in ipairs(ids) do
          if claimed == limit then break end
          local key = a .. ':msg:' .. id
          local fields = redis.call('HMGET', key, 'state', 'next', 'leaseexp')
          if fields[1] == '0' and tonumber(fields[2]) <= nowTicks and ((not fields[3]) or tonumber(fields[3]) <= nowTicks) then
            redis.call('HSET', key, 'owner', owner, 'leaseexp', leaseTicks)
            redis.call('ZADD', a .. ':due', leaseMs, id)
            table.insert(out, id)
            table.insert(out, redis.call('HGETALL', key))
            claimed = claimed + 1
          end
        end
        local first = redis.call('ZRANGE', a .. ':due', 0, 0, 'WITHSCORES')
        if #first > 0 then out[1] = first[2] end
        return out
        """;

    /// <summary>Records an attempt on an account's message if ARGV[3] still holds the lease; 1 when written.</summary>
    public const string RecordAttempt = """
        local a, id, owner, state, attempts, nextTicks, lastTicks, nextMs, lastMs, err = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]
        local key = a .. ':msg:' .. id
        local current = redis.call('HMGET', key, 'owner', 'state', 'created')
        if current[1] ~= owner or current[2] ~= '0' then return 0 end
        redis.call('HSET', key, 'state', state, 'attempts', attempts, 'next', nextTicks, 'last', lastTicks)
        redis.call('HDEL', key, 'owner', 'leaseexp')
        if err == '' then redis.call('HDEL', key, 'error') else redis.call('HSET', key, 'error', string.sub(err, 2)) end
        -- The account's most recent attempts (the dashboard's recent deliveries), the newest 500 kept.
        redis.call('ZADD', a .. ':recent', lastMs, id)
        redis.call('ZREMRANGEBYRANK', a .. ':recent', 0, -501)
        if state == '0' then
          redis.call('ZADD', a .. ':due', nextMs, id)
        else
          redis.call('ZREM', a .. ':due', id)
          if state == '1' then
            redis.call('ZADD', a .. ':delivered', lastMs, id)
          else
            redis.call('ZADD', a .. ':dead', math.floor(tonumber(current[3]) / 10000), id)
          end
          redis.call('HINCRBY', a .. ':cnt', '0', -1)
          redis.call('HINCRBY', a .. ':cnt', state, 1)
        end
        return 1
        """;

    /// <summary>Makes dead letters of an account pending again (all, or the ids after ARGV[4]); returns how many.</summary>
    public const string Replay = """
        local a, nowTicks, nowMs = ARGV[1], ARGV[2], ARGV[3]
        local ids = {}
        if ARGV[4] == 'all' then ids = redis.call('ZRANGE', a .. ':dead', 0, -1) else for k = 5, #ARGV do table.insert(ids, ARGV[k]) end end
        local count = 0
        for _, id in ipairs(ids) do
          if redis.call('ZREM', a .. ':dead', id) == 1 then
            local key = a .. ':msg:' .. id
            redis.call('HSET', key, 'state', '0', 'attempts', '0', 'next', nowTicks)
            redis.call('HDEL', key, 'owner', 'leaseexp')
            redis.call('ZADD', a .. ':due', nowMs, id)
            redis.call('HINCRBY', a .. ':cnt', '2', -1)
            redis.call('HINCRBY', a .. ':cnt', '0', 1)
            count = count + 1
          end
        end
        return count
        """;

    /// <summary>
    /// Makes an account's pending, unleased messages waiting after ARGV[2] (ms) due then, scanning ARGV[5] entries of
    /// its due index after skipping ARGV[4]; returns {made, scanned}.
    /// </summary>
    public const string MakeDue = """
        local a, nowMs, nowTicks = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local ids = redis.call('ZRANGEBYSCORE', a .. ':due', '(' .. nowMs, '+inf', 'LIMIT', tonumber(ARGV[4]), tonumber(ARGV[5]))
        local made = 0
        for _, id in ipairs(ids) do
          local key = a .. ':msg:' .. id
          local fields = redis.call('HMGET', key, 'state', 'leaseexp')
          if fields[1] == '0' and ((not fields[2]) or tonumber(fields[2]) <= nowTicks) then
            redis.call('HSET', key, 'next', ARGV[3])
            redis.call('ZADD', a .. ':due', nowMs, id)
            made = made + 1
          end
        end
        return {made, #ids}
        """;

    /// <summary>Deletes up to ARGV[3] of an account's messages delivered before ARGV[2] (ms, exclusive); returns how many.</summary>
    public const string DeleteDelivered = """
        local a = ARGV[1]
        local ids = redis.call('ZRANGEBYSCORE', a .. ':delivered', '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
        for _, id in ipairs(ids) do
          if redis.call('DEL', a .. ':msg:' .. id) == 1 then redis.call('HINCRBY', a .. ':cnt', '1', -1) end
          redis.call('ZREM', a .. ':delivered', id)
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

    /// <summary>
    /// Builds an account's listing index (<c>supt</c>: members <c>since|number|list</c>, <see cref="SuppressionKeys"/>) from the
    /// suppressions written before it existed, a chunk at a time (ARGV: the account's key, the last member of
    /// <c>supz</c> done or '' at the start, the chunk size): returns the last member done, or '' when the index is
    /// complete (and marks it so, <c>suptok</c>). Writes and erasures keep <c>supt</c> themselves, so a build that runs
    /// beside them, or twice at once, leaves it exact.
    /// </summary>
    public const string BuildListingIndex = EventPlaces + ListingKey + """
        local a, after, chunk = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local members = redis.call('ZRANGEBYLEX', a .. ':supz', after == '' and '-' or '(' .. after, '+', 'LIMIT', 0, chunk)
        for _, m in ipairs(members) do
          local held = getd(a, m)
          if held then
            local at = string.match(held, '^[^|]*')
            redis.call('ZADD', a .. ':supt', 0, lmemberof(at, m))
          end
        end
        if #members < chunk then
          redis.call('SET', a .. ':suptok', '1')
          return ''
        end
        return members[#members]
        """;

    /// <summary>
    /// One bounded step of a listing page (ARGV: the account's key, the upper and lower bounds of <c>supt</c> for
    /// ZREVRANGEBYLEX, the most members to read, the most to return, the source wanted or '', the list mode — '' any,
    /// 'a' account-wide, 'l' any list, '=' the list ARGV[8] —, and the exact since range, from (inclusive) and before
    /// (exclusive) in base 62 or ''): reads newest first and returns {the last member read or '', 1 when nothing is left
    /// to read, then member and details of each match}. Bounded, so a rare filter never holds Redis for long: the caller
    /// continues from the last member read. The bounds of <c>supt</c> are to the microsecond; the range is checked
    /// exactly against the details' since (byte by byte: Lua's string order follows the server's locale).
    /// </summary>
    public const string ListSuppressed = NumberKey + EventPlaces + """
        local a, budget, most, source, mode, wanted = ARGV[1], tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], ARGV[7], ARGV[8]
        local from, before = ARGV[9], ARGV[10]
        local function less(x, y)
          for c = 1, #x do
            local p, q = string.byte(x, c), string.byte(y, c)
            if p ~= q then return p < q end
          end
          return false
        end
        local members = redis.call('ZREVRANGEBYLEX', a .. ':supt', ARGV[2], ARGV[3], 'LIMIT', 0, budget)
        local out = { '', 0 }
        local found = 0
        for _, m in ipairs(members) do
          out[1] = m
          local list = string.sub(m, 15)
          if mode == '' or (mode == 'a' and list == '') or (mode == 'l' and list ~= '') or (mode == '=' and list == wanted) then
            local n = 0
            for j = 8, 14 do n = n * 256 + string.byte(m, j) end
            local held = getd(a, b62(n) .. '|' .. list)
            local since = held and string.sub(held, 1, 11)
            if held and (source == '' or string.match(held, '^[^|]*|([^|]*)|') == source)
              and (from == '' or not less(since, from)) and (before == '' or less(since, before)) then
              out[#out + 1] = m
              out[#out + 1] = withid(a, held)
              found = found + 1
              if found == most then break end
            end
          end
        end
        if #members < budget and found < most then out[2] = 1 end
        return out
        """;

    /// <summary>
    /// What changed in an account since a snapshot's count (ARGV: the account's key, the count, the changes kept): {the
    /// counter, 1 when the changes since the count are all kept (0 when the counter went back, too much changed or an
    /// erasure raised the floor above it), the server's run id (new after a restart or on the replica a failover
    /// promoted, which may lack writes the snapshot holds), then — when anything changed — the key members, and per changed entry of
    /// <c>supc</c> (<c>n</c> + number or <c>p</c> + pseudonym; the list's last elements, one per count since, each entry
    /// once) the entry and the lists it is suppressed in now ('' for account-wide)}. A log shorter than the counts since
    /// (a move of the key layout started it again) means load again. One script: the rows belong to the counter returned.
    /// </summary>
    public const string SnapshotDelta = NumberKey + """
        local a, held, keep = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
        local v = tonumber(redis.call('GET', a .. ':supv') or '0')
        local floor = tonumber(redis.call('GET', a .. ':supf') or '0')
        local epoch = string.match(redis.call('INFO', 'server'), 'run_id:(%x+)')
        if v == held then return { v, 1, epoch } end
        if v < held or v - held > keep or held < floor or v - held > redis.call('LLEN', a .. ':supc') then return { v, 0, epoch } end
        local out = { v, 1, epoch, redis.call('SMEMBERS', a .. ':erk') }
        local plists = nil
        local changes, seen = {}, {}
        for _, e in ipairs(redis.call('LRANGE', a .. ':supc', held - v, -1)) do
          for m in string.gmatch(e, '%S+') do
            if not seen[m] then
              seen[m] = true
              changes[#changes + 1] = m
            end
          end
        end
        for _, m in ipairs(changes) do
          local value = string.sub(m, 2)
          local lists = {}
          if string.sub(m, 1, 1) == 'n' then
            local num9 = b62(tonumber(value))
            for _, z in ipairs(redis.call('ZRANGEBYLEX', a .. ':supz', '[' .. num9 .. '|', '[' .. num9 .. '|\255')) do
              lists[#lists + 1] = string.sub(z, 11)
            end
          else
            if redis.call('SISMEMBER', a .. ':psup', value) == 1 then lists[#lists + 1] = '' end
            plists = plists or redis.call('SMEMBERS', a .. ':plists')
            for _, l in ipairs(plists) do
              if redis.call('SISMEMBER', a .. ':psup:l:' .. l, value) == 1 then lists[#lists + 1] = l end
            end
          end
          out[#out + 1] = m
          out[#out + 1] = lists
        end
        return out
        """;

    /// <summary>
    /// The start of a snapshot's load (ARGV: the account's key): {the change counter, the server's run id, the key
    /// members, the account-wide pseudonyms, then each list with its pseudonyms}. The numbers are read after it, a chunk of <c>supz</c> at a time,
    /// and the changes since this counter applied over them.
    /// </summary>
    public const string SnapshotStart = """
        local a = ARGV[1]
        local result = { redis.call('GET', a .. ':supv') or '0', string.match(redis.call('INFO', 'server'), 'run_id:(%x+)'),
          redis.call('SMEMBERS', a .. ':erk'), redis.call('SMEMBERS', a .. ':psup') }
        for _, l in ipairs(redis.call('SMEMBERS', a .. ':plists')) do
          table.insert(result, l)
          table.insert(result, redis.call('SMEMBERS', a .. ':psup:l:' .. l))
        end
        return result
        """;
}
