using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
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
internal sealed class InMemorySuppressionStore(InMemoryWebhookOutbox outbox) : ISuppressionStore
{
    private const int ReadChunk = 1024;

    private readonly ConcurrentDictionary<string, AccountData> _accounts = new(StringComparer.Ordinal);

    public Task<ConsentApplyStatus> ApplyAsync(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outboxMessages, CancellationToken cancellationToken = default)
    {
        StoreArguments.Validate(consentEvent, outboxMessages);
        cancellationToken.ThrowIfCancellationRequested();
        var data = _accounts.GetOrAdd(consentEvent.Account.Value, static _ => new AccountData());
        lock (data.Gate)
        {
            if (data.EventIds.Contains(consentEvent.EventId))
            {
                return Task.FromResult(ConsentApplyStatus.Duplicate);
            }

            if (!data.TryApply(consentEvent))
            {
                return Task.FromResult(ConsentApplyStatus.AlreadyInState);
            }

            data.EventIds.Add(consentEvent.EventId);
            data.Log.Add(consentEvent);
            outbox.AddRange(outboxMessages);
            return Task.FromResult(ConsentApplyStatus.Applied);
        }
    }

    public async Task<IReadOnlyList<ConsentApplyStatus>> ApplyBatchAsync(IReadOnlyList<ConsentWrite> writes, CancellationToken cancellationToken = default)
    {
        StoreArguments.Validate(writes);
        var statuses = new ConsentApplyStatus[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            statuses[i] = await ApplyAsync(writes[i].Event, writes[i].Outbox, cancellationToken).ConfigureAwait(false);
        }

        return statuses;
    }

    public Task<bool> IsSuppressedAsync(AccountId account, PhoneNumber number, ListId? list = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        if (!_accounts.TryGetValue(account.Value, out var data))
        {
            return Task.FromResult(false);
        }

        var listIndex = list is { } l ? data.Lists.GetValueOrDefault(l.Value) : null;
        return Task.FromResult(data.Suppressed.ContainsKey(number.Value) || (listIndex?.ContainsKey(number.Value) ?? false));
    }

    public Task<int> FilterAsync(AccountId account, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateFilter(account, numbers, suppressed);
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

        return Task.FromResult(count);
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

        private int _version;
        private int _snapshotVersion = -1;
        private SuppressedNumber[] _snapshot = [];

        /// <summary>Applies the event to the suppression index; false when it would change nothing. Caller holds <see cref="Gate"/>.</summary>
        public bool TryApply(ConsentEvent e)
        {
            var number = e.Number.Value;
            var changed = (e.Kind, e.Scope) switch
            {
                (ConsentKind.OptOut, SuppressionScope.Account) => Suppressed.TryAdd(number, e),
                (ConsentKind.OptOut, _) => !Suppressed.ContainsKey(number)
                    && Lists.GetOrAdd(e.List!.Value.Value, static _ => new ConcurrentDictionary<ulong, ConsentEvent>()).TryAdd(number, e),
                (ConsentKind.OptIn, SuppressionScope.Account) => LiftEverywhere(number),
                _ => Lists.TryGetValue(e.List!.Value.Value, out var listIndex) && listIndex.TryRemove(number, out _),
            };

            if (changed)
            {
                _version++;
            }

            return changed;
        }

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

        private bool LiftEverywhere(ulong number)
        {
            var changed = Suppressed.TryRemove(number, out _);
            foreach (var index in Lists.Values)
            {
                changed |= index.TryRemove(number, out _);
            }

            return changed;
        }

        private static SuppressedNumber ToEntry(ConsentEvent optOut, ListId? list) =>
            new(optOut.Number, list, optOut.OccurredAt, optOut.Source, optOut.EventId);
    }
}
