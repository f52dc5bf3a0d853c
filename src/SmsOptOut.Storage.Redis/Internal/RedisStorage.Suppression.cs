using System.Globalization;
using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage : ISuppressionPauses
{
    private const int ReadChunk = 500;
    private const int ApplyChunk = 1_000;
    private const int FilterSlice = 512;

    public async Task<ConsentApplyStatus> ApplyAsync(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.Validate(consentEvent, outbox);
        return (await ApplyAllAsync([new ConsentWrite(consentEvent, outbox)]).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// Applies the batch in order, in scripts of at most <see cref="ApplyChunk"/> events: Redis runs one script at a
    /// time, so a 100,000-event import must not stop every other client for seconds. Each chunk is atomic; if the
    /// batch fails between chunks the earlier ones stay applied, and retrying the batch is safe because every event is
    /// idempotent by its id.
    /// </summary>
    public async Task<IReadOnlyList<ConsentApplyStatus>> ApplyBatchAsync(IReadOnlyList<ConsentWrite> writes, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.Validate(writes);
        if (writes.Count <= ApplyChunk)
        {
            return writes.Count == 0 ? [] : await ApplyAllAsync(writes).ConfigureAwait(false);
        }

        var statuses = new List<ConsentApplyStatus>(writes.Count);
        foreach (var chunk in writes.Chunk(ApplyChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            statuses.AddRange(await ApplyAllAsync(chunk).ConfigureAwait(false));
        }

        return statuses;
    }

    public async Task<bool> IsSuppressedAsync(AccountId account, PhoneNumber number, ListId? list = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var flags = new bool[1];
        return await FilterAsync(account, list, new[] { number }, flags, cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<int> FilterAsync(AccountId account, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.ValidateFilter(account, numbers, suppressed);
        suppressed.Span[..numbers.Length].Clear();
        if (numbers.IsEmpty)
        {
            return 0;
        }

        if (_snapshots is { } snapshots)
        {
            var db = await DatabaseAsync().ConfigureAwait(false);
            var root = AccountKey(account.Value);
            if (await snapshots.MarkAsync(account.Value, list, numbers, suppressed, (position, _) => ReadSnapshotDeltaAsync(db, root, position),
                (builder, _) => LoadSnapshotAsync(db, root, builder), cancellationToken).ConfigureAwait(false) is { } inMemory)
            {
                return inMemory;
            }
        }

        // ZMSCORE on the account's suppressions (members "number|" account-wide, "number|list" per list) in slices of
        // FilterSlice, all sent at once: Redis answers the first slice while the client is still writing the next, instead
        // of one large command that each side handles in turn. The list's members go out in the same command.
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        var listKey = list?.Value;
        var members = listKey is null ? 1 : 2;
        var slices = new List<(int Start, Task<double?[]> Scores)>((numbers.Length / FilterSlice) + 1);
        for (var start = 0; start < numbers.Length; start += FilterSlice)
        {
            var slice = numbers.Span.Slice(start, Math.Min(FilterSlice, numbers.Length - start));
            var values = new RedisValue[slice.Length * members];
            for (var i = 0; i < slice.Length; i++)
            {
                values[i * members] = SuppressionKeys.Member(slice[i].Value, string.Empty);
                if (listKey is not null)
                {
                    values[(i * members) + 1] = SuppressionKeys.Member(slice[i].Value, listKey);
                }
            }

            slices.Add((start, database.SortedSetScoresAsync(accountKey + ":supz", values)));
        }

        // Sent after the probes, so Redis answers it after them: the erasure version the held pseudonyms must reach.
        var erasureVersion = database.StringGetAsync(accountKey + ":erv");

        var count = 0;
        foreach (var (start, scores) in slices)
        {
            var hits = await scores.ConfigureAwait(false);
            var flags = suppressed.Span.Slice(start, hits.Length / members);
            for (var i = 0; i < flags.Length; i++)
            {
                flags[i] = hits[i * members] is not null || (members == 2 && hits[(i * members) + 1] is not null);
                count += flags[i] ? 1 : 0;
            }
        }

        // After the ordinary sets: an erasure that runs in between has put the pseudonym in place first and moved the version.
        var version = await erasureVersion.ConfigureAwait(false);
        if (!version.IsNull && await _erased.MarkAsync(account.Value, (long)version, _ => LoadErasedAsync(database, accountKey), list, numbers, suppressed, cancellationToken)
            .ConfigureAwait(false) is { } held)
        {
            return count + held;
        }

        return count + await FilterErasedAsync(database, accountKey, list, numbers, suppressed).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks the numbers not yet flagged that are suppressed under a pseudonym; returns how many. For an account without
    /// erasures this is one small read and no pseudonym is computed.
    /// </summary>
    private async Task<int> FilterErasedAsync(IDatabase database, string accountKey, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed)
    {
        var keyIds = await database.SetMembersAsync(accountKey + ":erk").ConfigureAwait(false);
        var misses = Enumerable.Range(0, numbers.Length).Where(i => !suppressed.Span[i]).ToArray();
        if (keyIds.Length == 0 || misses.Length == 0)
        {
            return 0;
        }

        var candidates = Array.ConvertAll(misses, i => numbers.Span[i]);
        var pseudonyms = Pseudonyms([.. keyIds.Select(VerifiedKey)], candidates);
        var accountWide = database.SetContainsAsync(accountKey + ":psup", pseudonyms);
        var forList = list is { } l ? database.SetContainsAsync(accountKey + ":psup:l:" + l.Value, pseudonyms) : null;
        var hits = await accountWide.ConfigureAwait(false);
        var listHits = forList is null ? null : await forList.ConfigureAwait(false);
        var count = 0;
        for (var k = 0; k < hits.Length; k++)
        {
            var position = misses[k % candidates.Length];
            if ((hits[k] || (listHits?[k] ?? false)) && !suppressed.Span[position])
            {
                suppressed.Span[position] = true;
                count++;
            }
        }

        return count;
    }

    /// <summary>The account's pseudonymous suppressions at their version, or <see langword="null"/> when there are too many to hold.</summary>
    private async Task<ErasedSuppressionCache.Snapshot?> LoadErasedAsync(IDatabase database, string accountKey)
    {
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(RedisScripts.LoadErased, keys: [accountKey], values: [accountKey, ErasedSuppressionCache.MaxHeld]).ConfigureAwait(false))!;
        if (result.Length == 1)
        {
            return null;
        }

        var keys = Array.ConvertAll((RedisValue[])result[1]!, VerifiedKey);
        var rows = new List<(ulong, string)>();
        rows.AddRange(((RedisValue[])result[2]!).Select(p => (ulong.Parse((string)p!, CultureInfo.InvariantCulture), string.Empty)));
        for (var i = 3; i + 1 < result.Length; i += 2)
        {
            var list = (string)result[i]!;
            rows.AddRange(((RedisValue[])result[i + 1]!).Select(p => (ulong.Parse((string)p!, CultureInfo.InvariantCulture), list)));
        }

        return ErasedSuppressionCache.Snapshot.From((long)result[0], keys, rows);
    }

    /// <summary>A stored key (<c>id:fingerprint</c>) checked against the configured key of its id.</summary>
    private int VerifiedKey(RedisValue stored)
    {
        var text = (string)stored!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var id = int.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture);
        _pseudonyms.Verify(id, text[(colon + 1)..]);
        return id;
    }

    /// <summary>The pseudonyms of <paramref name="numbers"/> under every key, key by key, as set members.</summary>
    private RedisValue[] Pseudonyms(int[] keys, ReadOnlySpan<PhoneNumber> numbers)
    {
        var values = new ulong[keys.Length * numbers.Length];
        for (var k = 0; k < keys.Length; k++)
        {
            _pseudonyms.Compute(keys[k], numbers, values.AsSpan(k * numbers.Length, numbers.Length));
        }

        return Array.ConvertAll(values, v => (RedisValue)v.ToString(CultureInfo.InvariantCulture));
    }

    public async IAsyncEnumerable<ConsentEvent> GetHistoryAsync(AccountId account, PhoneNumber number, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        foreach (var record in await ReadNumberRecordsAsync(database, AccountKey(account.Value), number.Value).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return RedisEventRecord.Decode(account, (byte[])record!).Event;
        }
    }

    /// <summary>The size of the account's sorted set of suppressions: one call.</summary>
    public async Task<long> CountSuppressedAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return await database.SortedSetLengthAsync(AccountKey(account.Value) + ":supz").ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SuppressedNumber>> GetSuppressedAsync(AccountId account, SuppressionCursor after, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidatePage(account, limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        var min = after.Number.IsEmpty ? default : (RedisValue)SuppressionKeys.Member(after.Number.Value, after.ListKey ?? string.Empty);
        var members = await database.SortedSetRangeByValueAsync(accountKey + ":supz", min, default, after.Number.IsEmpty ? Exclude.None : Exclude.Start,
            Order.Ascending, 0, limit).ConfigureAwait(false);
        if (members.Length == 0)
        {
            return [];
        }

        var details = await DetailsAsync(database, accountKey, members).ConfigureAwait(false);
        var page = new List<SuppressedNumber>(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            var member = (string)members[i]!;
            page.Add(Suppression(PhoneNumber.FromValue(SuppressionKeys.NumberOf(member)), SuppressionKeys.ListOf(member), details[i]));
        }

        return page;
    }

    public async IAsyncEnumerable<ConsentEvent> GetEventsAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        var after = StoredValues.Ticks(recordedAfter);
        var until = StoredValues.Ticks(recordedUntil);

        // A merge of the event lists in the range: an event is returned once every list that may hold an earlier one (its
        // earliest recording time not after the event's) is read, so only the lists whose spans overlap are held at once.
        var lists = new Queue<(string List, long Low, long High)>(await EventListsAsync(database, accountKey, after, until).ConfigureAwait(false));
        var backfill = await BackfilledAsync(database, accountKey).ConfigureAwait(false);
        var ready = new PriorityQueue<ConsentEvent, (long Recorded, long Order)>();
        while (lists.Count > 0 || ready.Count > 0)
        {
            while (lists.Count > 0 && (ready.Count == 0 || (ready.TryPeek(out _, out var next) && lists.Peek().Low <= next.Recorded)))
            {
                foreach (var (order, record) in await ReadEventListAsync(database, accountKey, lists.Dequeue().List, backfill).ConfigureAwait(false))
                {
                    if (IsEvent(record) && RedisEventRecord.RecordedTicks((byte[])record!) is var recorded && recorded > after && recorded <= until)
                    {
                        ready.Enqueue(RedisEventRecord.Decode(account, (byte[])record!).Event, (recorded, order));
                    }
                }
            }

            if (ready.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return ready.Dequeue();
            }
        }
    }

    /// <summary>
    /// Applies writes of any accounts: one script per account (the writes of one account in order), the accounts side by
    /// side, since each lives in its own slot. Accounts are listed before their first write, and an account that was
    /// written webhooks is signalled to the dispatchers after its script.
    /// </summary>
    private async Task<ConsentApplyStatus[]> ApplyAllAsync(IReadOnlyList<ConsentWrite> writes)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var byAccount = Enumerable.Range(0, writes.Count).GroupBy(i => writes[i].Event.Account.Value, StringComparer.Ordinal).ToArray();
        await RememberAsync(database, byAccount.Select(g => g.Key)).ConfigureAwait(false);
        var statuses = new ConsentApplyStatus[writes.Count];
        await Task.WhenAll(byAccount.Select(async group =>
        {
            var positions = group.ToArray();
            var applied = await ApplyAccountAsync(database, group.Key, [.. positions.Select(i => writes[i])]).ConfigureAwait(false);
            for (var k = 0; k < positions.Length; k++)
            {
                statuses[positions[k]] = applied[k];
            }
        })).ConfigureAwait(false);
        return statuses;
    }

    private async Task<ConsentApplyStatus[]> ApplyAccountAsync(IDatabase database, string account, ConsentWrite[] writes)
    {
        var accountKey = AccountKey(account);
        var arguments = new List<RedisValue> { accountKey, writes.Length };
        foreach (var (e, outbox) in writes)
        {
            var listKey = e.Scope == SuppressionScope.List ? e.List!.Value.Value : string.Empty;
            arguments.Add(e.EventId);
            arguments.Add(e.Number.Value.ToString(CultureInfo.InvariantCulture));
            arguments.Add(SuppressionKeys.Number(e.Number.Value));
            arguments.Add((int)e.Kind);
            arguments.Add((int)e.Scope);
            arguments.Add(listKey);
            arguments.Add(SuppressionKeys.Since(StoredValues.Ticks(e.OccurredAt)));
            arguments.Add((int)e.Source);
            var salt = SaltColumn.New(e);
            arguments.Add(RedisEventRecord.Encode(e, salt));
            arguments.Add(StoredValues.Ticks(e.RecordedAt).ToString("D19", CultureInfo.InvariantCulture));
            arguments.Add(outbox.Count);
            var pseudonyms = e is { Kind: ConsentKind.OptIn, Reverts: null } ? Pseudonyms(_configuredKeys, [e.Number]) : [];
            arguments.Add(pseudonyms.Length);
            arguments.Add(e.PausedUntil is { } paused ? Ticks(paused) : string.Empty);
            arguments.Add(e.PausedUntil is { } end ? PauseScore(end) : 0);
            arguments.Add(e.Reverts is { } reverts ? RedisEventRecord.KeyOf(reverts) : RedisValue.EmptyString);
            arguments.Add(SmsOptOut.Evidence.ConsentLogLeaf.Hash(e, SaltColumn.Salt(salt)));
            arguments.Add(RedisEventRecord.KeyOf(e.EventId));
            arguments.AddRange(pseudonyms);
            foreach (var message in outbox)
            {
                arguments.Add(message.Id);
                arguments.Add(message.List?.Value ?? string.Empty);
                arguments.Add(message.EventId);
                arguments.Add(message.Payload);
                arguments.Add(Ticks(message.CreatedAt));
                arguments.Add(Ticks(message.NextAttemptAt));
                arguments.Add(Milliseconds(message.NextAttemptAt));
                arguments.Add(message.Target ?? string.Empty);
                arguments.Add(account);
            }
        }

        var result = (RedisResult[])(await RunAcknowledgedAsync(database, RedisScripts.Apply, accountKey, [.. arguments]).ConfigureAwait(false))!;
        var earliest = (long)result[^1];
        if (earliest >= 0)
        {
            await SignalAsync(database, OutboxWake, account, earliest).ConfigureAwait(false);
        }

        return Array.ConvertAll(result[..^1], r => (ConsentApplyStatus)(int)r);
    }

    public async Task<IReadOnlyList<SuppressedNumber>> GetEndedPausesAsync(AccountId account, DateTimeOffset endedBy, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidatePage(account, limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        var numbers = await database.SortedSetRangeByScoreAsync(accountKey + ":pause", double.NegativeInfinity, PauseScore(endedBy), Exclude.None, Order.Ascending, 0, limit)
            .ConfigureAwait(false);
        if (numbers.Length == 0)
        {
            return [];
        }

        var members = Array.ConvertAll(numbers, n => (RedisValue)SuppressionKeys.Member(ulong.Parse((string)n!, CultureInfo.InvariantCulture), string.Empty));
        var details = await DetailsAsync(database, accountKey, members).ConfigureAwait(false);
        var ended = new List<SuppressedNumber>(numbers.Length);
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!details[i].IsNull && Suppression(PhoneNumber.FromValue(ulong.Parse((string)numbers[i]!, CultureInfo.InvariantCulture)), string.Empty, details[i]) is { PausedUntil: { } until } pause
                && until <= endedBy)
            {
                ended.Add(pause);
            }
        }

        return ended;
    }

    /// <summary>
    /// A suppression from its details in <c>supd</c>: <c>since|source|event id</c>, since as <see cref="SuppressionKeys.Since"/> writes it, the source of a pause followed by
    /// <c>:</c> and its end in ticks, the event id in its key form (<see cref="RedisEventRecord.KeyOf"/>; bytes, which
    /// may hold a <c>|</c>: it is all that follows the second bar).
    /// </summary>
    internal static SuppressedNumber Suppression(PhoneNumber number, string listKey, RedisValue details)
    {
        ReadOnlySpan<byte> value = (byte[])details!;
        var first = value.IndexOf((byte)'|');
        var second = first + 1 + value[(first + 1)..].IndexOf((byte)'|');
        var source = value[(first + 1)..second];
        var colon = source.IndexOf((byte)':');
        return new SuppressedNumber(number, StoredValues.List(listKey.Length == 0 ? null : listKey), StoredValues.Instant(SuppressionKeys.TicksOf(value[..first])),
            (OptOutSource)Ticks(colon < 0 ? source : source[..colon]), RedisEventRecord.IdOf(value[(second + 1)..]))
        {
            PausedUntil = colon < 0 ? null : StoredValues.Instant(Ticks(source[(colon + 1)..])),
        };

        static long Ticks(ReadOnlySpan<byte> digits) =>
            System.Buffers.Text.Utf8Parser.TryParse(digits, out long parsed, out var used) && used == digits.Length
                ? parsed : throw new FormatException($"A suppression's details in Redis hold '{System.Text.Encoding.UTF8.GetString(digits)}' where a number was expected.");
    }

    /// <summary>A pause's end as the score of <c>pause</c>: whole milliseconds since the epoch, rounded up, so a pause is never read as ended early.</summary>
    private static long PauseScore(DateTimeOffset end) => (end.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;

}
