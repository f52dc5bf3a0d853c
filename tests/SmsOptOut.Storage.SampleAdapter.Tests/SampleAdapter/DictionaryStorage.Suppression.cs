using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>The consent log and the suppressions derived from it.</summary>
internal sealed partial class DictionaryStorage
{
    public Task<ConsentApplyStatus> ApplyAsync(ConsentEvent consentEvent, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.Validate(consentEvent, outbox);
        lock (_gate)
        {
            return Task.FromResult(Apply(consentEvent, outbox));
        }
    }

    public Task<IReadOnlyList<ConsentApplyStatus>> ApplyBatchAsync(IReadOnlyList<ConsentWrite> writes, CancellationToken cancellationToken = default)
    {
        // Every item is checked before any is applied, and nothing can fail after that: the batch is all or nothing.
        SuppressionStoreArguments.Validate(writes);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ConsentApplyStatus>>([.. writes.Select(w => Apply(w.Event, w.Outbox))]);
        }
    }

    public Task<bool> IsSuppressedAsync(AccountId account, PhoneNumber number, ListId? list = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        lock (_gate)
        {
            return Task.FromResult(_accounts.TryGetValue(account.Value, out var state) && IsSuppressed(state, number, list?.Value));
        }
    }

    public Task<int> FilterAsync(AccountId account, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Memory<bool> suppressed, CancellationToken cancellationToken = default)
    {
        SuppressionStoreArguments.ValidateFilter(account, numbers, suppressed);
        var count = 0;
        lock (_gate)
        {
            _accounts.TryGetValue(account.Value, out var state);
            for (var i = 0; i < numbers.Length; i++)
            {
                var hit = state is not null && IsSuppressed(state, numbers.Span[i], list?.Value);
                suppressed.Span[i] = hit;
                count += hit ? 1 : 0;
            }
        }

        return Task.FromResult(count);
    }

    public IAsyncEnumerable<ConsentEvent> GetHistoryAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        return Stream(Events(account, e => e.Number == number), cancellationToken);
    }

    public Task<IReadOnlyList<SuppressedNumber>> GetSuppressedAsync(AccountId account, SuppressionCursor after, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidatePage(account, limit);
        lock (_gate)
        {
            if (!_accounts.TryGetValue(account.Value, out var state))
            {
                return Task.FromResult<IReadOnlyList<SuppressedNumber>>([]);
            }

            return Task.FromResult<IReadOnlyList<SuppressedNumber>>([.. state.Suppressions
                .Where(s => after.Precedes(PhoneNumber.FromValue(s.Key.Number), s.Key.List))
                .OrderBy(s => s.Key.Number).ThenBy(s => s.Key.List, Comparer<string>.Create(SuppressionCursor.CompareListKeys))
                .Take(limit)
                .Select(s => Entry(s.Value, s.Key.List))]);
        }
    }

    public IAsyncEnumerable<ConsentEvent> GetEventsAsync(AccountId account, DateTimeOffset recordedAfter, DateTimeOffset recordedUntil, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        return Stream(Events(account, e => e.RecordedAt > recordedAfter && e.RecordedAt <= recordedUntil), cancellationToken);
    }

    private ConsentApplyStatus Apply(ConsentEvent e, IReadOnlyList<OutboxMessage> outbox)
    {
        var state = State(e.Account);
        if (state.EventIds.Contains(e.EventId))
        {
            return ConsentApplyStatus.Duplicate;
        }

        if (!ChangeSuppressions(state, e))
        {
            return ConsentApplyStatus.AlreadyInState;
        }

        state.EventIds.Add(e.EventId);
        state.Log.Add(e);
        foreach (var message in outbox)
        {
            _outbox.TryAdd(message.Id, message);
        }

        return ConsentApplyStatus.Applied;
    }

    /// <summary>Applies the event's effect on the suppressions; false when it changes nothing.</summary>
    private bool ChangeSuppressions(AccountState state, ConsentEvent e)
    {
        var number = e.Number.Value;
        var list = e.Scope == SuppressionScope.Account ? AccountWide : e.List!.Value.Value;
        if (e.Kind == ConsentKind.OptOut)
        {
            // A list opt-out changes nothing while the whole account is suppressed.
            return (list == AccountWide || !state.Suppressions.ContainsKey((number, AccountWide))) && state.Suppressions.TryAdd((number, list), e);
        }

        // An account-wide opt-in lifts every suppression of the number; a list opt-in only that list's.
        var lifted = state.Suppressions.Keys.Where(k => k.Number == number && (list == AccountWide || k.List == list)).ToList();
        lifted.ForEach(k => state.Suppressions.Remove(k));
        var erased = state.ErasedKeys.Select(key => pseudonyms.Compute(key, e.Number)).ToHashSet();
        var liftedErased = state.ErasedSuppressions.RemoveWhere(s => erased.Contains(s.Pseudonym) && (list == AccountWide || s.List == list));
        return lifted.Count + liftedErased > 0;
    }

    private bool IsSuppressed(AccountState state, PhoneNumber number, string? list)
    {
        if (state.Suppressions.ContainsKey((number.Value, AccountWide)) || (list is not null && state.Suppressions.ContainsKey((number.Value, list))))
        {
            return true;
        }

        foreach (var key in state.ErasedKeys)
        {
            var pseudonym = pseudonyms.Compute(key, number);
            if (state.ErasedSuppressions.Contains((pseudonym, AccountWide)) || (list is not null && state.ErasedSuppressions.Contains((pseudonym, list))))
            {
                return true;
            }
        }

        return false;
    }

    private List<ConsentEvent> Events(AccountId account, Func<ConsentEvent, bool> condition)
    {
        lock (_gate)
        {
            return _accounts.TryGetValue(account.Value, out var state) ? state.Log.Where(condition).ToList() : [];
        }
    }

    private static SuppressedNumber Entry(ConsentEvent optOut, string list) =>
        new(optOut.Number, list == AccountWide ? null : new ListId(list), optOut.OccurredAt, optOut.Source, optOut.EventId);
}
