using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.InMemory;

/// <summary>
/// <see cref="ISuppressionStore"/> in process memory: correct under concurrency and fast, but <b>not durable</b> —
/// everything is lost when the process ends. For tests, demos and single-process tools that reload their state.
/// </summary>
/// <remarks>
/// Reads (<see cref="FilterAsync"/>, <see cref="IsSuppressedAsync"/>) are lock-free; writes take one lock per account,
/// under which the event, the suppression change and its outbox messages are applied together.
/// The suppression index keeps one entry per suppressed number (the number and a reference to its opt-out event).
/// </remarks>
internal sealed class InMemorySuppressionStore(InMemoryWebhookOutbox outbox, NumberPseudonyms pseudonyms) : ISuppressionStore, IAccountDirectory, ISuppressionPauses, Evidence.IConsentLogStore
{
    private const int ReadChunk = 1024;

    private readonly ConcurrentDictionary<string, AccountData> _accounts = new(StringComparer.Ordinal);

    public Task<ConsentApplyStatus> ApplyAsync(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outboxMessages, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.Validate(consentEvent, outboxMessages);
        cancellationToken.ThrowIfCancellationRequested();
        var data = _accounts.GetOrAdd(consentEvent.Account.Value, static _ => new AccountData());
        lock (data.Gate)
        {
            if (data.EventIds.Contains(consentEvent.EventId))
            {
                return Task.FromResult(ConsentApplyStatus.Duplicate);
            }

            if (!data.TryApply(consentEvent, pseudonyms))
            {
                return Task.FromResult(ConsentApplyStatus.AlreadyInState);
            }

            data.EventIds.Add(consentEvent.EventId);
            data.Log.Add(consentEvent);
            data.AppendLeaf(consentEvent);
            outbox.AddRange(outboxMessages);
            return Task.FromResult(ConsentApplyStatus.Applied);
        }
    }

    public async Task<IReadOnlyList<ConsentApplyStatus>> ApplyBatchAsync(IReadOnlyList<ConsentWrite> writes, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.Validate(writes);
        var statuses = new ConsentApplyStatus[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            statuses[i] = await ApplyAsync(writes[i].Event, writes[i].Outbox, cancellationToken).ConfigureAwait(false);
        }

        return statuses;
    }

    public async IAsyncEnumerable<AccountId> GetAccountsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var name in _accounts.Keys.Order(StringComparer.Ordinal).ToArray())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new AccountId(name);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<bool> ContainsAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        return Task.FromResult(_accounts.ContainsKey(account.Value));
    }

    public Task<bool> IsSuppressedAsync(AccountId account, PhoneNumber number, ListId? list = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult(false);
        }

        var listIndex = list is { } l ? data.Lists.GetValueOrDefault(l.Value) : null;
        return Task.FromResult(data.Suppressed.ContainsKey(number.Value) || (listIndex?.ContainsKey(number.Value) ?? false)
            || data.IsErasedSuppressed(number, list, pseudonyms));
    }

    public Task<int> FilterAsync(AccountId account, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.ValidateFilter(account, numbers, suppressed);
        var flags = suppressed.Span[..numbers.Length];
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            flags.Clear();
            return Task.FromResult(0);
        }

        var accountIndex = data.Suppressed;
        var listIndex = list is { } l ? data.Lists.GetValueOrDefault(l.Value) : null;
        var input = numbers.Span;
        var count = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var value = input[i].Value;
            var hit = accountIndex.ContainsKey(value) || (listIndex is not null && listIndex.ContainsKey(value));
            flags[i] = hit;
            count += hit ? 1 : 0;
        }

        // Read after the ordinary index: an erasure moves a number there only after the pseudonym is in place.
        return Task.FromResult(data.ErasedKeys.IsEmpty ? count : count + data.FilterErased(list, input, flags, pseudonyms));
    }

    public async IAsyncEnumerable<ConsentEvent> GetHistoryAsync(AccountId account, PhoneNumber number, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            yield break;
        }

        List<ConsentEvent> history;
        lock (data.Gate)
        {
            history = data.Log.FindAll(e => e.Number == number);
        }

        foreach (var e in history)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<IReadOnlyList<SuppressedNumber>> GetSuppressedAsync(AccountId account, SuppressionCursor after, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidatePage(account, limit);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult<IReadOnlyList<SuppressedNumber>>([]);
        }

        var sorted = data.SortedSnapshot();
        var start = FirstAfter(sorted, after);
        var count = Math.Min(limit, sorted.Length - start);
        return Task.FromResult<IReadOnlyList<SuppressedNumber>>(sorted.AsSpan(start, count).ToArray());
    }

    public async IAsyncEnumerable<ConsentEvent> GetEventsAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            yield break;
        }

        var chunk = new List<ConsentEvent>(ReadChunk);
        for (var position = 0; ; position += ReadChunk)
        {
            chunk.Clear();
            lock (data.Gate)
            {
                if (position >= data.Log.Count)
                {
                    yield break;
                }

                var end = Math.Min(position + ReadChunk, data.Log.Count);
                for (var i = position; i < end; i++)
                {
                    var e = data.Log[i];
                    if (e.RecordedAt > recordedAfter && e.RecordedAt <= recordedUntil)
                    {
                        chunk.Add(e);
                    }
                }
            }

            foreach (var e in chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return e;
            }

            await Task.Yield();
        }
    }

    public Task<IReadOnlyList<SuppressedNumber>> GetEndedPausesAsync(AccountId account, DateTimeOffset endedBy, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidatePage(account, limit);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult<IReadOnlyList<SuppressedNumber>>([]);
        }

        lock (data.Gate)
        {
            return Task.FromResult<IReadOnlyList<SuppressedNumber>>([.. data.Suppressed.Values
                .Where(e => e.PausedUntil <= endedBy)
                .OrderBy(e => e.PausedUntil).ThenBy(e => e.Number.Value)
                .Take(limit)
                .Select(e => AccountData.ToEntry(e, null))]);
        }
    }

    /// <summary>Erasure records are leaves of the log, always (this store never held erasures without).</summary>
    public bool ErasuresAreLeaves => true;

    public Task<long> GetLogSizeAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult(0L);
        }

        lock (data.Gate)
        {
            return Task.FromResult((long)data.Leaves.Count);
        }
    }

    public Task<IReadOnlyList<Evidence.ConsentLogEntry>> ReadLogAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult<IReadOnlyList<Evidence.ConsentLogEntry>>([]);
        }

        lock (data.Gate)
        {
            var entries = new List<Evidence.ConsentLogEntry>();
            for (var i = from; i < data.Leaves.Count && entries.Count < limit; i++)
            {
                entries.Add(data.Entry((int)i));
            }

            return Task.FromResult<IReadOnlyList<Evidence.ConsentLogEntry>>(entries);
        }
    }

    public Task<IReadOnlyList<byte[]>> ReadLeavesAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult<IReadOnlyList<byte[]>>([]);
        }

        lock (data.Gate)
        {
            var count = (int)Math.Clamp(data.Leaves.Count - from, 0, limit);
            return Task.FromResult<IReadOnlyList<byte[]>>([.. data.Leaves.GetRange((int)Math.Min(from, data.Leaves.Count), count).Select(l => l.Leaf)]);
        }
    }

    public Task<IReadOnlyList<byte[]>> ReadBlockRootsAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateRead(account, from, limit);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult<IReadOnlyList<byte[]>>([]);
        }

        lock (data.Gate)
        {
            var roots = new List<byte[]>();
            for (var block = from; roots.Count < limit && data.BlockRoots.TryGetValue(block, out var root); block++)
            {
                roots.Add((byte[])root.Clone());
            }

            return Task.FromResult<IReadOnlyList<byte[]>>(roots);
        }
    }

    public Task WriteBlockRootsAsync(AccountId account, long from, IReadOnlyList<byte[]> roots, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateBlockRoots(account, from, roots);
        var data = _accounts.GetOrAdd(account.Value, _ => new AccountData());
        lock (data.Gate)
        {
            for (var i = 0; i < roots.Count; i++)
            {
                data.BlockRoots[from + i] = (byte[])roots[i].Clone();
            }
        }

        return Task.CompletedTask;
    }

    public Task<Evidence.ConsentLogEntry?> FindLogEntryAsync(AccountId account, string eventId, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult<Evidence.ConsentLogEntry?>(null);
        }

        lock (data.Gate)
        {
            return Task.FromResult(data.LeafIndex.TryGetValue(eventId, out var index) ? data.Entry(index) : null);
        }
    }

    public Task AddCheckpointAsync(AccountId account, Evidence.ConsentCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ConsentLogArguments.ValidateCheckpoint(account, checkpoint);
        var data = _accounts.GetOrAdd(account.Value, static _ => new AccountData());
        lock (data.Gate)
        {
            if (!data.Checkpoints.Exists(c => c.TreeSize == checkpoint.TreeSize && c.Time == checkpoint.Time))
            {
                data.Checkpoints.Add(checkpoint);
            }
        }

        return Task.CompletedTask;
    }

    public Task<Evidence.ConsentCheckpoint?> GetLatestCheckpointAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult<Evidence.ConsentCheckpoint?>(null);
        }

        lock (data.Gate)
        {
            return Task.FromResult(data.Checkpoints.MaxBy(c => (c.TreeSize, c.Time)));
        }
    }

    public Task<IReadOnlyList<Evidence.ConsentCheckpoint>> GetCheckpointsAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult<IReadOnlyList<Evidence.ConsentCheckpoint>>([]);
        }

        lock (data.Gate)
        {
            return Task.FromResult<IReadOnlyList<Evidence.ConsentCheckpoint>>([.. data.Checkpoints.OrderBy(c => c.TreeSize).ThenBy(c => c.Time)]);
        }
    }

    /// <summary>
    /// Erases a number from an account under the account's lock: its suppressions move to <paramref name="pseudonym"/>,
    /// its events go, and <paramref name="erasePeripherals"/> deletes what the other stores hold of it (given the erased
    /// event ids; returns tokens, webhooks and reply rows deleted). The record is kept when anything was erased.
    /// </summary>
    public ErasureRecord Erase(PhoneNumber number, NumberPseudonym pseudonym, ErasureRecord record, Func<IReadOnlySet<string>, (int Tokens, int Webhooks, int Replies)> erasePeripherals)
    {
        var data = _accounts.GetOrAdd(record.Account.Value, static _ => new AccountData());
        lock (data.Gate)
        {
            var suppressions = 0;
            if (data.Suppressed.TryRemove(number.Value, out _))
            {
                data.ErasedSuppressed.TryAdd(pseudonym.Value, 0);
                suppressions++;
            }

            foreach (var (list, index) in data.Lists)
            {
                if (index.TryRemove(number.Value, out _))
                {
                    data.ErasedLists.GetOrAdd(list, static _ => new ConcurrentDictionary<ulong, byte>()).TryAdd(pseudonym.Value, 0);
                    suppressions++;
                }
            }

            if (suppressions > 0)
            {
                data.ErasedKeys.TryAdd(pseudonym.KeyId, 0);
                data.Changed();
            }

            var eventIds = data.Log.Where(e => e.Number == number).Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
            data.Log.RemoveAll(e => e.Number == number);
            var erasedLeaves = data.EraseLeaves(eventIds);
            data.EventIds.ExceptWith(eventIds);
            var (tokens, webhooks, replies) = erasePeripherals(eventIds);
            var kept = record with { Events = eventIds.Count, Suppressions = suppressions, Tokens = tokens, Webhooks = webhooks, Replies = replies, ErasedLeaves = erasedLeaves };
            if (suppressions + eventIds.Count + tokens + webhooks + replies > 0)
            {
                kept = data.AppendErasureLeaf(kept);
                data.Erasures.Add(kept);
            }

            return kept;
        }
    }

    /// <summary>The erasure records of an account.</summary>
    public IReadOnlyList<ErasureRecord> Erasures(AccountId account)
    {
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return [];
        }

        lock (data.Gate)
        {
            return [.. data.Erasures];
        }
    }

    /// <summary>The accounts whose log or index holds the number.</summary>
    public IEnumerable<AccountId> AccountsOf(PhoneNumber number)
    {
        foreach (var (name, data) in _accounts)
        {
            bool holds;
            lock (data.Gate)
            {
                holds = data.Suppressed.ContainsKey(number.Value) || data.Lists.Values.Any(l => l.ContainsKey(number.Value)) || data.Log.Exists(e => e.Number == number);
            }

            if (holds)
            {
                yield return new AccountId(name);
            }
        }
    }

    /// <summary>The current suppressions of one number in an account.</summary>
    public IReadOnlyList<SuppressedNumber> SuppressionsOf(AccountId account, PhoneNumber number)
    {
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return [];
        }

        var found = new List<SuppressedNumber>();
        if (data.Suppressed.TryGetValue(number.Value, out var accountWide))
        {
            found.Add(AccountData.ToEntry(accountWide, null));
        }

        foreach (var (list, index) in data.Lists.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (index.TryGetValue(number.Value, out var e))
            {
                found.Add(AccountData.ToEntry(e, new ListId(list)));
            }
        }

        return found;
    }

    /// <summary>The account's current suppressions in the newest-first order of <see cref="SuppressionListCursor"/>, rebuilt only after a change.</summary>
    public SuppressedNumber[] NewestFirst(AccountId account) =>
        _accounts.TryGetValue(account.Value, out var data) ? data.NewestFirstSnapshot() : [];

    /// <summary>Removes the personal details of evidence from events recorded before the cutoff; up to <paramref name="limit"/>.</summary>
    public int MinimizeEvidence(DateTimeOffset recordedBefore, int limit)
    {
        var changed = 0;
        foreach (var data in _accounts.Values)
        {
            lock (data.Gate)
            {
                for (var i = 0; i < data.Log.Count && changed < limit; i++)
                {
                    var e = data.Log[i];
                    if (e.RecordedAt < recordedBefore && ConsentEvidenceMinimizer.HasPersonalDetails(e.Evidence))
                    {
                        data.Log[i] = e with { Evidence = ConsentEvidenceMinimizer.Minimize(e.Evidence) };
                        data.Salts.Remove(e.EventId);
                        changed++;
                    }
                }
            }
        }

        return changed;
    }

    private static int FirstAfter(SuppressedNumber[] sorted, SuppressionCursor after)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            var entry = sorted[mid];
            if (after.Precedes(entry.Number, entry.List?.Value ?? string.Empty))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    /// <summary>The state of one account.</summary>
    private sealed class AccountData
    {
        public readonly Lock Gate = new();
        public readonly ConcurrentDictionary<ulong, ConsentEvent> Suppressed = new();
        public readonly ConcurrentDictionary<string, ConcurrentDictionary<ulong, ConsentEvent>> Lists = new(StringComparer.Ordinal);
        public readonly HashSet<string> EventIds = new(StringComparer.Ordinal);
        public readonly List<ConsentEvent> Log = [];
        public readonly ConcurrentDictionary<int, byte> ErasedKeys = new();
        public readonly ConcurrentDictionary<ulong, byte> ErasedSuppressed = new();
        public readonly ConcurrentDictionary<string, ConcurrentDictionary<ulong, byte>> ErasedLists = new(StringComparer.Ordinal);
        public readonly List<ErasureRecord> Erasures = [];

        /// <summary>The erasure records that are leaves of the log, by index.</summary>
        public readonly Dictionary<int, ErasureRecord> ErasureLeaves = [];
        public readonly List<(byte[] Leaf, string? EventId)> Leaves = [];

        /// <summary>The log's block roots as the evidence service wrote them, by block.</summary>
        public readonly Dictionary<long, byte[]> BlockRoots = [];
        public readonly Dictionary<string, int> LeafIndex = new(StringComparer.Ordinal);
        public readonly Dictionary<string, (byte[] Salt, int FieldCheck)> Salts = new(StringComparer.Ordinal);
        public readonly List<Evidence.ConsentCheckpoint> Checkpoints = [];

        private int _version;
        private int _snapshotVersion = -1;
        private SuppressedNumber[] _snapshot = [];
        private int _newestFirstVersion = -1;
        private SuppressedNumber[] _newestFirst = [];

        /// <summary>Applies the event to the suppression index; false when it would change nothing. Caller holds <see cref="Gate"/>.</summary>
        public bool TryApply(ConsentEvent e, NumberPseudonyms pseudonyms)
        {
            var number = e.Number.Value;
            var changed = (e.Kind, e.Scope) switch
            {
                (ConsentKind.OptOut, SuppressionScope.Account) => OptOutAccount(number, e),
                (ConsentKind.OptOut, _) => !(Suppressed.TryGetValue(number, out var held) && held.PausedUntil is null)
                    && Lists.GetOrAdd(e.List!.Value.Value, static _ => new ConcurrentDictionary<ulong, ConsentEvent>()).TryAdd(number, e),
                (ConsentKind.OptIn, SuppressionScope.Account) when e.Reverts is { } pause =>
                    Suppressed.TryGetValue(number, out var held) && held.EventId == pause && Suppressed.TryRemove(number, out _),
                (ConsentKind.OptIn, SuppressionScope.Account) => LiftEverywhere(number) | LiftErased(e.Number, null, pseudonyms),
                _ => (Lists.TryGetValue(e.List!.Value.Value, out var listIndex) && listIndex.TryRemove(number, out _)) | LiftErased(e.Number, e.List, pseudonyms),
            };

            if (changed)
            {
                Changed();
            }

            return changed;
        }

        /// <summary>
        /// An account-wide opt-out: added when the number has none; over a pause, a lasting opt-out makes it permanent and
        /// a new pause moves its end; over a lasting opt-out, nothing (a pause never weakens one).
        /// </summary>
        private bool OptOutAccount(ulong number, ConsentEvent e)
        {
            if (!Suppressed.TryGetValue(number, out var held))
            {
                return Suppressed.TryAdd(number, e);
            }

            if (held.PausedUntil is null || held.PausedUntil == e.PausedUntil)
            {
                return false;
            }

            Suppressed[number] = e;
            return true;
        }

        /// <summary>Appends the event's leaf to the account's log under a fresh salt; caller holds <see cref="Gate"/>.</summary>
        public void AppendLeaf(ConsentEvent e)
        {
            var salt = Evidence.ConsentLogLeaf.NewSalt();
            Salts[e.EventId] = (salt, Evidence.ConsentLogLeaf.FieldCheck(e, salt));
            LeafIndex[e.EventId] = Leaves.Count;
            Leaves.Add((Evidence.ConsentLogLeaf.Hash(e, salt), e.EventId));
        }

        /// <summary>Keeps the leaves of erased events and drops their content and salt; returns their indexes, ascending. Caller holds <see cref="Gate"/>.</summary>
        public List<long> EraseLeaves(HashSet<string> eventIds)
        {
            var erased = new List<long>(eventIds.Count);
            foreach (var id in eventIds)
            {
                if (LeafIndex.Remove(id, out var index))
                {
                    Leaves[index] = (Leaves[index].Leaf, null);
                    erased.Add(index);
                }

                Salts.Remove(id);
            }

            erased.Sort();
            return erased;
        }

        /// <summary>Appends the erasure record's leaf and returns the record with its index; caller holds <see cref="Gate"/>.</summary>
        public ErasureRecord AppendErasureLeaf(ErasureRecord record)
        {
            var kept = record with { LogIndex = Leaves.Count };
            ErasureLeaves[Leaves.Count] = kept;
            Leaves.Add((Evidence.ConsentLogLeaf.ErasureHash(kept), null));
            return kept;
        }

        /// <summary>The log entry at <paramref name="index"/>; caller holds <see cref="Gate"/>.</summary>
        public Evidence.ConsentLogEntry Entry(int index)
        {
            var (leaf, eventId) = Leaves[index];
            var e = eventId is null ? null : Log.Find(x => x.EventId == eventId);
            var salted = eventId is not null && Salts.TryGetValue(eventId, out var held) ? held : ((byte[] Salt, int FieldCheck)?)null;
            return new Evidence.ConsentLogEntry(index, leaf, eventId, e, salted?.Salt) { FieldCheck = salted?.FieldCheck, Erasure = ErasureLeaves.GetValueOrDefault(index) };
        }

        /// <summary>Invalidates the sorted snapshot; caller holds <see cref="Gate"/>.</summary>
        public void Changed() => _version++;

        /// <summary>A sorted copy of the current suppressions, rebuilt only after a change.</summary>
        public SuppressedNumber[] SortedSnapshot()
        {
            lock (Gate)
            {
                if (_snapshotVersion == _version)
                {
                    return _snapshot;
                }

                var entries = new List<SuppressedNumber>(Suppressed.Count);
                entries.AddRange(Suppressed.Select(p => ToEntry(p.Value, null)));
                foreach (var (list, index) in Lists)
                {
                    entries.AddRange(index.Select(p => ToEntry(p.Value, new ListId(list))));
                }

                entries.Sort(static (a, b) =>
                {
                    var byNumber = a.Number.Value.CompareTo(b.Number.Value);
                    return byNumber != 0 ? byNumber : SuppressionCursor.CompareListKeys(a.List?.Value ?? string.Empty, b.List?.Value ?? string.Empty);
                });
                _snapshot = [.. entries];
                _snapshotVersion = _version;
                return _snapshot;
            }
        }

        /// <summary>The sorted snapshot in the listing's newest-first order, rebuilt only after a change.</summary>
        public SuppressedNumber[] NewestFirstSnapshot()
        {
            lock (Gate)
            {
                if (_newestFirstVersion == _version)
                {
                    return _newestFirst;
                }

                var entries = SortedSnapshot().ToArray();
                Array.Sort(entries, SuppressionListCursor.Order);
                _newestFirst = entries;
                _newestFirstVersion = _version;
                return _newestFirst;
            }
        }

        /// <summary>Whether an erased number is suppressed (account-wide, or in <paramref name="list"/>) under its pseudonym.</summary>
        public bool IsErasedSuppressed(PhoneNumber number, ListId? list, NumberPseudonyms pseudonyms)
        {
            foreach (var keyId in ErasedKeys.Keys)
            {
                var pseudonym = pseudonyms.Compute(keyId, number);
                if (ErasedSuppressed.ContainsKey(pseudonym) || (list is { } l && ErasedLists.TryGetValue(l.Value, out var index) && index.ContainsKey(pseudonym)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Marks the numbers the ordinary index missed that are suppressed under a pseudonym; returns how many.</summary>
        public int FilterErased(ListId? list, ReadOnlySpan<PhoneNumber> numbers, Span<bool> flags, NumberPseudonyms pseudonyms)
        {
            var listIndex = list is { } l ? ErasedLists.GetValueOrDefault(l.Value) : null;
            var misses = new int[numbers.Length];
            var candidates = new PhoneNumber[numbers.Length];
            var missCount = 0;
            for (var i = 0; i < numbers.Length; i++)
            {
                if (!flags[i])
                {
                    misses[missCount] = i;
                    candidates[missCount++] = numbers[i];
                }
            }

            var values = new ulong[missCount];
            var count = 0;
            foreach (var keyId in ErasedKeys.Keys)
            {
                pseudonyms.Compute(keyId, candidates.AsSpan(0, missCount), values);
                for (var k = 0; k < missCount; k++)
                {
                    var i = misses[k];
                    if (!flags[i] && (ErasedSuppressed.ContainsKey(values[k]) || (listIndex?.ContainsKey(values[k]) ?? false)))
                    {
                        flags[i] = true;
                        count++;
                    }
                }
            }

            return count;
        }

        /// <summary>Lifts the pseudonymous suppressions of a number (every scope, or one list's); caller holds <see cref="Gate"/>.</summary>
        private bool LiftErased(PhoneNumber number, ListId? list, NumberPseudonyms pseudonyms)
        {
            var changed = false;
            foreach (var keyId in ErasedKeys.Keys)
            {
                var pseudonym = pseudonyms.Compute(keyId, number);
                if (list is { } l)
                {
                    changed |= ErasedLists.TryGetValue(l.Value, out var index) && index.TryRemove(pseudonym, out _);
                    continue;
                }

                changed |= ErasedSuppressed.TryRemove(pseudonym, out _);
                foreach (var index in ErasedLists.Values)
                {
                    changed |= index.TryRemove(pseudonym, out _);
                }
            }

            return changed;
        }

        private bool LiftEverywhere(ulong number)
        {
            var changed = Suppressed.TryRemove(number, out _);
            foreach (var index in Lists.Values)
            {
                changed |= index.TryRemove(number, out _);
            }

            return changed;
        }

        public static SuppressedNumber ToEntry(ConsentEvent optOut, ListId? list) =>
            new(optOut.Number, list, optOut.OccurredAt, optOut.Source, optOut.EventId) { PausedUntil = optOut.PausedUntil };
    }
}
