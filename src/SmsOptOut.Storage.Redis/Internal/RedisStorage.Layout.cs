using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The key layout's version (<c>{prefix}:layout</c>) and the moves from older layouts. Layouts 1 and 2 kept every key
/// under the one hash tag <c>{prefix}</c> (one slot, so on a cluster one shard); layout 3 keeps each account's keys (link
/// tokens included) under <c>{prefix:a:account}</c> and token pointers in 64 hashes <c>{prefix:t:n}</c>; layout 4 keeps
/// each consent event once, as a binary record in the event lists, where layout 3 kept its JSON twice (the account's
/// log and the number's history) with five indexes (<see cref="MoveEventsAsync"/>); layout 8 moves nothing, it writes
/// event records in their compact form with the field check (<see cref="RedisEventRecord"/>), which the older versions
/// cannot read. A store moves itself on first use,
/// or ahead of a deployment with <c>smsoptout migrate</c>: one instance at a time (a lock key), each key copied to its
/// new name (DUMP and RESTORE, which also cross slots on a cluster) before the old one is deleted, and the old indexes
/// deleted last, so a move that stops midway is finished by the next one.
/// </summary>
internal sealed partial class RedisStorage : SmsOptOut.Storage.IStorageSchema
{
    private const int CurrentLayout = 9;

    /// <summary>Keys under the old tag that layout 3 keeps where they are: the layout itself, its lock, the account list, the retention watermarks, the Do-Not-Call registry, the data-subject requests.</summary>
    private static readonly string[] KeptNames = ["layout", "migrating", "accts", "retwm", "dnc", "dsr"];

    /// <summary>Keys only the old layouts write; any of them means the data must move.</summary>
    private static readonly string[] LegacyMarkers = ["seq", "tokexp", "due", "delivered", "cnt", "reports", "rclaims", "oi:lapse", "ds:due", "ds:claimed"];

    private volatile bool _layoutReady;

    public async Task<SmsOptOut.Storage.StorageSchemaVersion> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var database = (await _connection.Value.ConfigureAwait(false)).GetDatabase(_options.Database);
        return new SmsOptOut.Storage.StorageSchemaVersion(await EnsureLayoutAsync(database, cancellationToken).ConfigureAwait(false), CurrentLayout);
    }

    /// <summary>Makes sure the data is in the current layout, moving it when it is older; returns the layout found (0 for a new store).</summary>
    private async Task<int> EnsureLayoutAsync(IDatabase database, CancellationToken cancellationToken)
    {
        var layoutKey = _root + ":layout";
        while (true)
        {
            var layout = (int?)await database.StringGetAsync(layoutKey).ConfigureAwait(false);
            if (layout > CurrentLayout)
            {
                throw new InvalidOperationException($"The Redis data under prefix '{_options.KeyPrefix}' is in key layout {layout}, newer than this version of SmsOptOut.Storage.Redis knows ({CurrentLayout}); upgrade the package.");
            }

            if (layout == CurrentLayout)
            {
                _layoutReady = true;
                return CurrentLayout;
            }

            var found = layout ?? (await HasLegacyDataAsync(database).ConfigureAwait(false) ? 1 : 0);
            if (found == 0)
            {
                if (await database.StringSetAsync(layoutKey, CurrentLayout, when: When.NotExists).ConfigureAwait(false))
                {
                    _layoutReady = true;
                    return 0;
                }

                continue;
            }

            var owner = Guid.NewGuid().ToString("N");
            if (await database.StringSetAsync(_root + ":migrating", owner, MigrationLease, When.NotExists).ConfigureAwait(false))
            {
                try
                {
                    if (found < 3)
                    {
                        await MoveLegacyDataAsync(database, found, cancellationToken).ConfigureAwait(false);
                        await database.StringSetAsync(layoutKey, 3).ConfigureAwait(false);
                    }

                    if (found < 4)
                    {
                        await MoveEventsAsync(database, cancellationToken).ConfigureAwait(false);
                        await database.StringSetAsync(layoutKey, 4).ConfigureAwait(false);
                        foreach (var account in await AccountsAsync(database).ConfigureAwait(false))
                        {
                            await database.KeyDeleteAsync(AccountKey(account) + ":evmoved").ConfigureAwait(false);
                        }
                    }

                    if (found < 5)
                    {
                        await MoveToLayout5Async(database, cancellationToken).ConfigureAwait(false);
                        await database.StringSetAsync(layoutKey, 5).ConfigureAwait(false);
                    }

                    if (found < 6)
                    {
                        await BackfillLogAsync(database, cancellationToken).ConfigureAwait(false);
                        await database.StringSetAsync(layoutKey, 6).ConfigureAwait(false);
                    }

                    if (found < 7)
                    {
                        await MoveToLayout7Async(database, found, cancellationToken).ConfigureAwait(false);
                        await database.StringSetAsync(layoutKey, 7).ConfigureAwait(false);
                    }

                    // Layout 8 moves nothing: its event records (the compact form, with the field check) are written from now on, and the older ones read as they are.
                    // Layout 9 lists the leaves erased before it in one erasure record per account (docs/evidence.md, "Erasure records in the log").
                    await ListErasedLeavesAsync(database, cancellationToken).ConfigureAwait(false);
                    await database.StringSetAsync(layoutKey, CurrentLayout).ConfigureAwait(false);
                    _layoutReady = true;
                    return found;
                }
                finally
                {
                    await database.KeyDeleteAsync(_root + ":migrating").ConfigureAwait(false);
                }
            }

            // Another instance is moving the data: wait for it (or for its lease to lapse, if it died).
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan MigrationLease = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The move to key layout 9: in each account, the leaves whose records are an erasure's tombstone (one zero byte) and
    /// that no erasure record lists, erased before erasure records were leaves, are listed by one erasure record, <see cref="UpgradeErasureRecord"/>,
    /// appended to the log by <see cref="RedisScripts.AppendErasureRecord"/> (read again when the log grew meanwhile).
    /// </summary>
    private async Task ListErasedLeavesAsync(IDatabase database, CancellationToken cancellationToken)
    {
        foreach (var account in await AccountsAsync(database).ConfigureAwait(false))
        {
            var accountKey = AccountKey(account);
            for (var appended = false; !appended;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var size = await database.ListLengthAsync(accountKey + ":log").ConfigureAwait(false);
                var chunks = await Task.WhenAll(Enumerable.Range(0, (int)((size + 127) / 128)).Select(c => database.ListRangeAsync(accountKey + ":ev:" + c))).ConfigureAwait(false);
                var listed = (await database.ListRangeAsync(accountKey + ":era").ConfigureAwait(false))
                    .SelectMany(json => ErasedLeavesText.Parse(System.Text.Json.JsonSerializer.Deserialize((string)json!, RedisJsonContext.Default.RedisStoredErasure)!.Leaves))
                    .ToHashSet();
                var erased = chunks.SelectMany((records, c) => records.Select((record, at) => (Index: (c * 128L) + at, Record: record)))
                    .Where(r => r.Index < size && IsErased(r.Record) && !IsErasureRecord(r.Record) && !listed.Contains(r.Index)).Select(r => r.Index).ToArray();
                if (erased.Length == 0)
                {
                    break;
                }

                var record = UpgradeErasureRecord.Of(new Consent.AccountId(account), erased, _time.GetUtcNow(), size);
                var stored = System.Text.Json.JsonSerializer.Serialize(
                    new RedisStoredErasure(record.RequestId, record.Reason, Ticks(record.ErasedAt), record.Events, 0, 0, 0, 0) { LogIndex = size, Leaves = ErasedLeavesText.Format(erased) },
                    RedisJsonContext.Default.RedisStoredErasure);
                appended = (long)await RunAsync(database, RedisScripts.AppendErasureRecord, accountKey,
                    [accountKey, size, Evidence.ConsentLogLeaf.ErasureHash(record), stored]).ConfigureAwait(false) == 1;
            }
        }
    }

    private async Task<bool> HasLegacyDataAsync(IDatabase database)
    {
        var checks = LegacyMarkers.Select(name => database.KeyExistsAsync(_root + ":" + name)).ToArray();
        return (await Task.WhenAll(checks).ConfigureAwait(false)).Any(e => e);
    }

    private async Task MoveLegacyDataAsync(IDatabase database, int found, CancellationToken cancellationToken)
    {
        Log.MovingLegacyLayout(_logger, _options.KeyPrefix, found, 3);
        var started = _time.GetTimestamp();
        var old = _root + ":";
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in await database.SetMembersAsync(old + "accts").ConfigureAwait(false))
        {
            accounts.Add((string)account!);
        }

        // The indexes first, while the keys they point to are still where they were.
        var keys = (await ScanAsync(database, GlobEscape(old) + "*", cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(k => !KeptNames.Any(n => k == old + n || k.StartsWith(old + n + ":", StringComparison.Ordinal))).ToList();
        foreach (var key in keys.Where(k => k.StartsWith(old + "oin:", StringComparison.Ordinal)))
        {
            accounts.UnionWith((await database.SetMembersAsync(key).ConfigureAwait(false)).Select(a => (string)a!));
        }

        foreach (var key in keys.Where(k => k.StartsWith(old + "a:", StringComparison.Ordinal)))
        {
            if (FixedSuffix().Match(key[(old.Length + 2)..]) is { Success: true } match)
            {
                accounts.Add(match.Groups[1].Value);
            }
        }

        await MoveIndexAsync(database, old + "due", "msg:", ":due", accounts).ConfigureAwait(false);
        await MoveIndexAsync(database, old + "delivered", "msg:", ":delivered", accounts).ConfigureAwait(false);
        await MoveIndexAsync(database, old + "ds:due", "ds:", ":ds:due", accounts).ConfigureAwait(false);
        await MoveIndexAsync(database, old + "ds:claimed", "ds:", ":ds:claimed", accounts).ConfigureAwait(false);
        foreach (var entry in await database.HashGetAllAsync(old + "reports").ConfigureAwait(false))
        {
            accounts.Add((string)entry.Name!);
            await database.StringSetAsync(AccountKey((string)entry.Name!) + ":report", entry.Value).ConfigureAwait(false);
        }

        foreach (var entry in await database.HashGetAllAsync(old + "rclaims").ConfigureAwait(false))
        {
            accounts.Add((string)entry.Name!);
            await database.StringSetAsync(AccountKey((string)entry.Name!) + ":rclaim", entry.Value).ConfigureAwait(false);
        }

        foreach (var entry in await database.SortedSetRangeByRankWithScoresAsync(old + "oi:lapse").ConfigureAwait(false))
        {
            var member = (string)entry.Element!;
            var colon = member.IndexOf(':', StringComparison.Ordinal);
            accounts.Add(member[(colon + 1)..]);
            await database.SortedSetAddAsync(AccountKey(member[(colon + 1)..]) + ":oi:lapse", member[..colon], entry.Score).ConfigureAwait(false);
        }

        var seq = await database.StringGetAsync(old + "seq").ConfigureAwait(false);
        await database.SetAddAsync(old + "accts", [.. accounts.Select(a => (RedisValue)a)]).ConfigureAwait(false);

        // Then the keys themselves, each copied before it is deleted; the longest account name first, so an account
        // whose name extends another's ("acme" and "acme:eu") keeps its own keys.
        var ordered = accounts.OrderByDescending(a => a.Length).ToArray();
        foreach (var chunk in keys.Chunk(MoveChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await database.KeyExpireAsync(_root + ":migrating", MigrationLease).ConfigureAwait(false);
            await Task.WhenAll(chunk.Select(key => MoveLegacyKeyAsync(database, key[old.Length..], key, ordered, found, cancellationToken))).ConfigureAwait(false);
        }

        foreach (var account in accounts)
        {
            if (!seq.IsNull)
            {
                await database.StringSetAsync(AccountKey(account) + ":seq", seq, when: When.NotExists).ConfigureAwait(false);
            }

            foreach (var index in new[] { OutboxWake, HeldWake })
            {
                if (await database.SortedSetRangeByRankWithScoresAsync(AccountKey(account) + index.DueSuffix, 0, 0).ConfigureAwait(false) is [var first])
                {
                    await SignalAsync(database, index, account, (long)first.Score).ConfigureAwait(false);
                }
            }
        }

        // Last, what only the old layout used: the indexes read above and the per-number account sets.
        foreach (var key in await ScanAsync(database, GlobEscape(old) + "*", cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = key[old.Length..];
            if (LegacyMarkers.Contains(name) || name == "tokgid" || name.StartsWith("tokg:", StringComparison.Ordinal) || name.StartsWith("oin:", StringComparison.Ordinal)
                || name.StartsWith("ds:n:", StringComparison.Ordinal))
            {
                await database.KeyDeleteAsync(key).ConfigureAwait(false);
            }
        }

        Log.MovedLegacyLayout(_logger, _options.KeyPrefix, found, 3, keys.Count, (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Keys moved side by side: each key's move is independent of the others'.</summary>
    private const int MoveChunk = 64;

    /// <summary>Moves one old key (<paramref name="name"/> is its name after the old tag) to where layout 3 keeps it.</summary>
    private async Task MoveLegacyKeyAsync(IDatabase database, string name, string key, string[] accountsLongestFirst, int found, CancellationToken cancellationToken)
    {
        if (name.StartsWith("a:", StringComparison.Ordinal)
            && accountsLongestFirst.FirstOrDefault(a => name.Length > a.Length + 3 && name.AsSpan(2).StartsWith(a + ":", StringComparison.Ordinal)) is { } account)
        {
            var suffix = name[(account.Length + 3)..];
            await MoveKeyAsync(database, key, AccountKey(account) + ":" + suffix).ConfigureAwait(false);
            if (found < 2 && suffix == "evd")
            {
                await IndexLegacyEventsAsync(database, account, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (name.StartsWith("msg:", StringComparison.Ordinal))
        {
            await MoveMessageAsync(database, key, name[4..]).ConfigureAwait(false);
        }
        else if (name.StartsWith("tok:", StringComparison.Ordinal))
        {
            await MoveTokenAsync(database, key, name[4..]).ConfigureAwait(false);
        }
        else if (name.StartsWith("ds:", StringComparison.Ordinal) && !name.StartsWith("ds:n:", StringComparison.Ordinal) && name is not ("ds:due" or "ds:claimed")
            && (string?)await database.HashGetAsync(key, "account").ConfigureAwait(false) is { } heldAccount)
        {
            await database.SetAddAsync(AccountKey(heldAccount) + ":ds:n:" + (string?)await database.HashGetAsync(key, "number").ConfigureAwait(false), name[3..]).ConfigureAwait(false);
            await MoveKeyAsync(database, key, AccountKey(heldAccount) + ":" + name).ConfigureAwait(false);
        }
    }

    /// <summary>Copies the members of an old deployment-wide index into their accounts' indexes, the account read from the old hash each member names.</summary>
    private async Task MoveIndexAsync(IDatabase database, string index, string hashPrefix, string suffix, HashSet<string> accounts)
    {
        var type = await database.KeyTypeAsync(index).ConfigureAwait(false);
        var entries = type == RedisType.SortedSet
            ? (await database.SortedSetRangeByRankWithScoresAsync(index).ConfigureAwait(false)).Select(e => (e.Element, (double?)e.Score))
            : (await database.SetMembersAsync(index).ConfigureAwait(false)).Select(m => (m, (double?)null));
        foreach (var (id, score) in entries)
        {
            if ((string?)await database.HashGetAsync(_root + ":" + hashPrefix + id, "account").ConfigureAwait(false) is not { } account)
            {
                continue;
            }

            accounts.Add(account);
            _ = score is { } s
                ? await database.SortedSetAddAsync(AccountKey(account) + suffix, id, s).ConfigureAwait(false)
                : await database.SetAddAsync(AccountKey(account) + suffix, id).ConfigureAwait(false);
        }
    }

    private async Task MoveMessageAsync(IDatabase database, string key, string id)
    {
        var fields = await database.HashGetAsync(key, ["account", "payload"]).ConfigureAwait(false);
        if (fields[0].IsNull)
        {
            return;
        }

        var account = (string)fields[0]!;
        if (PayloadNumber().Match((string?)fields[1] ?? string.Empty) is { Success: true } match)
        {
            await database.SetAddAsync(AccountKey(account) + ":msgn:" + match.Groups[1].Value, id).ConfigureAwait(false);
        }

        await MoveKeyAsync(database, key, AccountKey(account) + ":msg:" + id).ConfigureAwait(false);
    }

    /// <summary>Stores the token in its account with its indexes and pointer (as <see cref="AddAsync(IReadOnlyList{Links.StoredLinkToken}, CancellationToken)"/> does), then deletes the old key.</summary>
    private async Task MoveTokenAsync(IDatabase database, string key, string token)
    {
        var json = await database.StringGetAsync(key).ConfigureAwait(false);
        if (json.IsNull)
        {
            return;
        }

        var stored = JsonSerializer.Deserialize((string)json!, RedisJsonContext.Default.RedisStoredToken)!;
        var accountKey = AccountKey(stored.Account);
        await RememberAsync(database, [stored.Account]).ConfigureAwait(false);
        await database.HashSetAsync(PointerKey(token), token, stored.Account).ConfigureAwait(false);
        await RunAsync(database, RedisScripts.AddTokens, accountKey,
            [accountKey, token, json, stored.Number.ToString(CultureInfo.InvariantCulture), Milliseconds(StoredValues.Instant(stored.Expires))]).ConfigureAwait(false);
        await database.KeyDeleteAsync(key).ConfigureAwait(false);
    }

    /// <summary>Layout 1 had no per-number event index; it is built from the account's events as they move.</summary>
    private async Task IndexLegacyEventsAsync(IDatabase database, string account, CancellationToken cancellationToken)
    {
        var accountKey = AccountKey(account);
        await foreach (var entry in database.HashScanAsync(accountKey + ":evd", pageSize: 1_000).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var e = RedisStoredEvent.Deserialize((string)entry.Value!);
            await database.SetAddAsync(accountKey + ":evn:" + e.Number.Value.ToString(CultureInfo.InvariantCulture), entry.Name).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Moves every account's events from layout 3 to layout 4, account by account. Per account: any new keys a stopped run
    /// left are deleted and written again from the old ones (each log leaf's record to the event lists, in log order, an
    /// erased event's a tombstone; the events without a leaf, from before the consent log, to <c>evpre</c> in their old
    /// order; the id, number and time indexes; the suppressions' details into their buckets), then a marker (<c>evmoved</c>) says they are complete, and only then are the old
    /// keys deleted — the per-number ones first, while the log by time still names their numbers. A run that stops anywhere
    /// is finished by the next. The retention watermark starts again from the first event (minimising is idempotent).
    /// </summary>
    private async Task MoveEventsAsync(IDatabase database, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var accounts = await AccountsAsync(database).ConfigureAwait(false);
        Log.MovingLegacyLayout(_logger, _options.KeyPrefix, 3, CurrentLayout);
        foreach (var account in accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await database.KeyExpireAsync(_root + ":migrating", MigrationLease).ConfigureAwait(false);
            var a = AccountKey(account);
            if (!await database.KeyExistsAsync(a + ":evmoved").ConfigureAwait(false))
            {
                await WriteEventsAsync(database, a).ConfigureAwait(false);
                await database.StringSetAsync(a + ":evmoved", "1").ConfigureAwait(false);
            }

            var numbers = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var entry in database.HashScanAsync(a + ":evd", pageSize: 1_000).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                numbers.Add(RedisStoredEvent.Deserialize((string)entry.Value!).Number.Value.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var chunk in numbers.Chunk(MoveChunk))
            {
                await database.KeyDeleteAsync([.. chunk.SelectMany(n => new RedisKey[] { a + ":hist:" + n, a + ":evn:" + n })]).ConfigureAwait(false);
            }

            await database.KeyDeleteAsync(a + ":evd").ConfigureAwait(false);
            await database.KeyDeleteAsync([a + ":evz", a + ":evid", a + ":logev", a + ":logix", a + ":seq", a + ":supd"]).ConfigureAwait(false);
            await database.HashDeleteAsync(_root + ":retwm", account).ConfigureAwait(false);
        }

        Log.MovedLegacyLayout(_logger, _options.KeyPrefix, 3, CurrentLayout, accounts.Length, (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Moves every account from layout 4 to layout 5: the sets of suppressed numbers (<c>sup</c> account-wide,
    /// <c>sup:l:&lt;list&gt;</c> per list), which repeated the members of <c>supz</c>, are deleted (layout 5 probes
    /// <c>supz</c> itself; the lists are those <c>supz</c> names, as a list's set held exactly its members there); each
    /// suppression is renamed (<see cref="SuppressionKeys"/>: 9 and 11 base-62 characters where layout 4 wrote 15 and 19
    /// digits) with its details, which name their event by its log index (a few digits where the service's id is 36), a
    /// chunk at a time, each in one script; and the listing index (<c>supt</c>) is
    /// deleted, to be built again on the account's first listing. Every step is idempotent (a renamed member is not
    /// layout 4's), so a run that stops anywhere is finished by the next.
    /// </summary>
    private async Task MoveToLayout5Async(IDatabase database, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var accounts = await AccountsAsync(database).ConfigureAwait(false);
        Log.MovingLegacyLayout(_logger, _options.KeyPrefix, 4, CurrentLayout);
        foreach (var account in accounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await database.KeyExpireAsync(_root + ":migrating", MigrationLease).ConfigureAwait(false);
            var a = AccountKey(account);
            // One read of the members still in layout 4's form: they name the lists whose sets go, and are the ones to rename.
            var lists = new HashSet<string>(StringComparer.Ordinal);
            var older = new List<RedisValue>();
            await foreach (var member in SortedSetMembersAsync(database, a + ":supz").WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (IsLayout4Member(member))
                {
                    older.Add(member);
                    lists.Add(member[16..]);
                }
            }

            foreach (var chunk in lists.Where(l => l.Length > 0).Select(l => (RedisKey)(a + ":sup:l:" + l)).Append(a + ":sup").Chunk(MoveChunk))
            {
                await database.KeyDeleteAsync(chunk).ConfigureAwait(false);
            }

            foreach (var chunk in older.Chunk(500))
            {
                var details = await DetailsAsync(database, a, chunk, asStored: true).ConfigureAwait(false);
                var arguments = new List<RedisValue>((chunk.Length * 3) + 1) { a };
                for (var i = 0; i < chunk.Length; i++)
                {
                    var member = (string)chunk[i]!;
                    arguments.Add(member);
                    arguments.Add(SuppressionKeys.Member(ulong.Parse(member.AsSpan(0, 15), NumberStyles.None, CultureInfo.InvariantCulture), member[16..]));
                    arguments.Add(details[i].IsNull ? RedisValue.EmptyString : Layout5Details(details[i]));
                }

                await RunAsync(database, RedisScripts.RenameSuppressions, a, [.. arguments]).ConfigureAwait(false);
            }

            // The listing index is built again from the renamed suppressions on the account's first listing.
            await database.KeyDeleteAsync([a + ":supt", a + ":suptok"]).ConfigureAwait(false);
        }

        Log.MovedLegacyLayout(_logger, _options.KeyPrefix, 4, CurrentLayout, accounts.Length, (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// The move to key layout 7 (<see cref="RedisScripts.MoveToLayout7"/>, one script per account): the listing index
    /// (<c>supt</c>) names a suppression in 14 bytes (since to the microsecond and the number,
    /// <see cref="SuppressionKeys.ListingMember"/>) where layout 6 wrote 22 characters, and is built again in that form on
    /// the account's first listing, as the move to layout 5 did; the snapshots' change log (<c>supc</c>) is a list, one
    /// element per count, where layout 6 kept a sorted set (~100 bytes a change against ~15), and starts empty with
    /// the snapshot floor at the counter, so every snapshot loads again once. Idempotent.
    /// </summary>
    private async Task MoveToLayout7Async(IDatabase database, int found, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var accounts = await AccountsAsync(database).ConfigureAwait(false);
        Log.MovingLegacyLayout(_logger, _options.KeyPrefix, Math.Max(found, 6), CurrentLayout);
        foreach (var chunk in accounts.Chunk(MoveChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await database.KeyExpireAsync(_root + ":migrating", MigrationLease).ConfigureAwait(false);
            await Task.WhenAll(chunk.Select(account => RunAsync(database, RedisScripts.MoveToLayout7, AccountKey(account), [AccountKey(account)]))).ConfigureAwait(false);
        }

        Log.MovedLegacyLayout(_logger, _options.KeyPrefix, Math.Max(found, 6), CurrentLayout, accounts.Length, (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Whether a member of <c>supz</c> is layout 4's: the number as 15 decimal digits, then a bar (layout 5's has its bar after 9 characters).</summary>
    private static bool IsLayout4Member(string member) => member.Length >= 16 && member[15] == '|' && !member.AsSpan(0, 15).ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// Layout 4's details of a suppression (<c>since|source|event id</c>, since in decimal ticks, the id as text) as the
    /// rename takes them: since as <see cref="SuppressionKeys.Since"/> writes it, then <c>#</c> and the id's key form
    /// (<see cref="RedisEventRecord.KeyOf"/>), which the rename replaces with the event's log index where the id index holds it.
    /// </summary>
    private static byte[] Layout5Details(RedisValue details)
    {
        var value = ((byte[])details!).AsSpan();
        var first = value.IndexOf((byte)'|');
        var second = first + 1 + value[(first + 1)..].IndexOf((byte)'|');
        if (first < 0 || second <= first)
        {
            throw new InvalidOperationException($"A suppression's details in Redis are '{Encoding.UTF8.GetString(value)}', where since|source|event id was expected.");
        }

        var since = SuppressionKeys.Since((long)ulong.Parse(Encoding.ASCII.GetString(value[..first]), NumberStyles.None, CultureInfo.InvariantCulture));
        var id = value[(second + 1)..];
        byte[] key = System.Text.Unicode.Utf8.IsValid(id) ? RedisEventRecord.KeyOf(Encoding.UTF8.GetString(id)) : id.ToArray();
        return [.. Encoding.ASCII.GetBytes(since), .. value[first..(second + 1)], (byte)'#', .. key];
    }

    /// <summary>Writes one account's layout-4 event keys from its layout-3 keys, after deleting any a stopped run left.</summary>
    private static async Task WriteEventsAsync(IDatabase database, string a)
    {
        // Leaves key layout 6 added for the events from before the log go with its state: those events are written from
        // the old keys as events outside the log again, and the backfill adds them once more.
        if (await database.HashGetAsync(a + ":bfill", "base").ConfigureAwait(false) is { IsNull: false } added)
        {
            await ((long)added == 0 ? database.KeyDeleteAsync(a + ":log") : database.ListTrimAsync(a + ":log", 0, (long)added - 1)).ConfigureAwait(false);
            await database.KeyDeleteAsync(a + ":bfill").ConfigureAwait(false);
        }

        var size = await database.ListLengthAsync(a + ":log").ConfigureAwait(false);
        var lists = (size + EventsPerList - 1) / EventsPerList;
        var events = size + await database.SortedSetLengthAsync(a + ":evz").ConfigureAwait(false);
        var numbered = await database.HashLengthAsync(a + ":evd").ConfigureAwait(false);
        var suppressions = await database.HashLengthAsync(a + ":supd").ConfigureAwait(false);
        foreach (var chunk in BucketNames(a, "evix", events).Concat(BucketNames(a, "evnum", numbered)).Concat(BucketNames(a, "supd", suppressions)).Chunk(1_000))
        {
            await database.KeyDeleteAsync(chunk).ConfigureAwait(false);
        }

        await database.KeyDeleteAsync([a + ":evpre", a + ":evnumc", a + ":supdc", a + ":evtime", .. Enumerable.Range(0, (int)lists + 1).Select(l => EventList(a, l))]).ConfigureAwait(false);

        // Each event's index, by its member in the old log by time (recorded|seq).
        var keys = new List<HashEntry>();
        var indexes = new Dictionary<string, long>(StringComparer.Ordinal);
        var spans = new Dictionary<string, (string Low, string High)>(StringComparer.Ordinal);
        for (var from = 0L; from < size; from += EventsPerList)
        {
            var count = (int)Math.Min(EventsPerList, size - from);
            var places = await database.HashGetAsync(a + ":logev", [.. Enumerable.Range(0, count).Select(i => (RedisValue)(from + i))]).ConfigureAwait(false);
            var members = places.Select(p => p.IsNull ? null : ((string)p!)[..Second((string)p!)]).ToArray();
            var documents = await database.HashGetAsync(a + ":evd", [.. members.Select(m => (RedisValue)(m ?? string.Empty))]).ConfigureAwait(false);
            var records = new RedisValue[count];
            for (var i = 0; i < count; i++)
            {
                // An erased event (its place gone) becomes a tombstone; one whose record was deleted behind the store's
                // back (its place left) stays deleted, its id still indexed, so the consent log still reports it.
                records[i] = Tombstone;
                if (members[i] is { } member && !documents[i].IsNull)
                {
                    indexes[member] = from + i;
                    records[i] = Record((string)documents[i]!);
                    Widen(spans, (from / EventsPerList).ToString(CultureInfo.InvariantCulture), member[..19]);
                }
                else if (members[i] is not null)
                {
                    records[i] = RedisValue.EmptyString;
                    keys.Add(new HashEntry(RedisEventRecord.KeyOf(((string)places[i]!)[(Second((string)places[i]!) + 1)..]), from + i));
                }
            }

            await database.ListRightPushAsync(EventList(a, from / EventsPerList), records).ConfigureAwait(false);
        }

        // The events without a leaf, in the old log's order.
        var pre = new List<RedisValue>();
        await foreach (var member in SortedSetMembersAsync(database, a + ":evz").ConfigureAwait(false))
        {
            if (!indexes.ContainsKey(member) && await database.HashGetAsync(a + ":evd", member).ConfigureAwait(false) is { IsNull: false } json)
            {
                indexes[member] = -1 - pre.Count;
                pre.Add(Record((string)json!));
                Widen(spans, PreLogList, member[..19]);
            }
        }

        foreach (var chunk in pre.Chunk(1_000))
        {
            await database.ListRightPushAsync(a + ":evpre", chunk).ConfigureAwait(false);
        }

        // The indexes: id → index, number → its indexes in its history's order, list → span of recording times.
        var byId = new Dictionary<string, long>(StringComparer.Ordinal);
        var numbers = new HashSet<ulong>();
        foreach (var chunk in indexes.Chunk(1_000))
        {
            var documents = await database.HashGetAsync(a + ":evd", [.. chunk.Select(c => (RedisValue)c.Key)]).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = RedisStoredEvent.Deserialize((string)documents[i]!);
                byId[e.EventId] = chunk[i].Value;
                numbers.Add(e.Number.Value);
                keys.Add(new HashEntry(RedisEventRecord.KeyOf(e.EventId), chunk[i].Value));
            }
        }

        foreach (var chunk in keys.Chunk(500))
        {
            await RunAsync(database, RedisScripts.IndexEvents, a, [a, "e", .. chunk.SelectMany(e => new[] { e.Name, e.Value })]).ConfigureAwait(false);
        }

        var histories = new List<RedisValue>();
        foreach (var number in numbers)
        {
            var history = await database.ListRangeAsync(a + ":hist:" + number.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            var held = history.Select(json => RedisStoredEvent.Deserialize((string)json!).EventId).Where(byId.ContainsKey).Select(id => byId[id]).ToArray();
            if (held.Length > 0)
            {
                histories.Add(number.ToString(CultureInfo.InvariantCulture));
                histories.Add(string.Join(' ', held));
            }
        }

        foreach (var chunk in histories.Chunk(1_000))
        {
            await RunAsync(database, RedisScripts.IndexEvents, a, [a, "n", .. chunk]).ConfigureAwait(false);
        }

        if (spans.Count > 0)
        {
            await database.HashSetAsync(a + ":evtime", [.. spans.Select(s => new HashEntry(s.Key, s.Value.Low + " " + s.Value.High))]).ConfigureAwait(false);
        }

        // The suppressions' details, from layout 3's one hash to the bucketed one.
        var details = new List<RedisValue>();
        await foreach (var entry in database.HashScanAsync(a + ":supd", pageSize: 1_000).ConfigureAwait(false))
        {
            details.Add(entry.Name);
            details.Add(entry.Value);
        }

        foreach (var chunk in details.Chunk(1_000))
        {
            await RunAsync(database, RedisScripts.IndexEvents, a, [a, "d", .. chunk]).ConfigureAwait(false);
        }
    }

    private static readonly RedisValue Tombstone = new byte[1];

    private static byte[] Record(string json) =>
        RedisEventRecord.Encode(RedisStoredEvent.Deserialize(json), RedisStoredEvent.SaltOf(json));

    /// <summary>The position of the second <c>|</c> of layout 3's "recorded|seq|id" (the member ends there).</summary>
    private static int Second(string place) => place.IndexOf('|', place.IndexOf('|', StringComparison.Ordinal) + 1);

    private static void Widen(Dictionary<string, (string Low, string High)> spans, string list, string recorded)
    {
        spans[list] = spans.TryGetValue(list, out var span)
            ? (string.CompareOrdinal(recorded, span.Low) < 0 ? recorded : span.Low, string.CompareOrdinal(recorded, span.High) > 0 ? recorded : span.High)
            : (recorded, recorded);
    }

    private static async IAsyncEnumerable<string> SortedSetMembersAsync(IDatabase database, string key)
    {
        for (var skip = 0L; ; skip += 1_000)
        {
            var members = await database.SortedSetRangeByRankAsync(key, skip, skip + 999).ConfigureAwait(false);
            foreach (var member in members)
            {
                yield return (string)member!;
            }

            if (members.Length < 1_000)
            {
                yield break;
            }
        }
    }

    /// <summary>Copies a key to its new name with its time to live (DUMP and RESTORE, so across slots too), then deletes the old one.</summary>
    private static async Task MoveKeyAsync(IDatabase database, string from, string to)
    {
        var dump = await database.KeyDumpAsync(from).ConfigureAwait(false);
        if (dump is null)
        {
            return;
        }

        var ttl = await database.KeyTimeToLiveAsync(from).ConfigureAwait(false);
        await database.ExecuteAsync("RESTORE", [(RedisKey)to, (long)(ttl?.TotalMilliseconds ?? 0), dump, "REPLACE"]).ConfigureAwait(false);
        await database.KeyDeleteAsync(from).ConfigureAwait(false);
    }

    /// <summary>The keys matching <paramref name="pattern"/> on the node that owns the old tag's slot (every old key is in that slot).</summary>
    private async IAsyncEnumerable<string> ScanAsync(IDatabase database, string pattern, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var endpoint = await database.IdentifyEndpointAsync(_root).ConfigureAwait(false);
        var server = database.Multiplexer.GetServer(endpoint!);
        await foreach (var key in server.KeysAsync(_options.Database, pattern, pageSize: 1_000).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return (string)key!;
        }
    }

    private static string GlobEscape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>An old account key whose last part names the account unambiguously (<c>account:evd</c> and the like).</summary>
    [GeneratedRegex(@"^(.+):(?:evd|evz|evid|sup|supz|supd|cnt|dead|recent|reply|era|erk|erv|psup|plists)$")]
    private static partial Regex FixedSuffix();

    /// <summary>The number a stored webhook carries, E.164 as written in JSON or form-encoded (<c>%2B</c>); every payload format holds one.</summary>
    [GeneratedRegex(@"(?:\+|%2B)([1-9][0-9]{5,14})\b")]
    private static partial Regex PayloadNumber();
}
