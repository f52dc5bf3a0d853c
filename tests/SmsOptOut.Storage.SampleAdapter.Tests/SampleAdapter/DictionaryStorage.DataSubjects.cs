using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>Erasure (the number goes, its suppressions stay under a pseudonym), access and evidence minimization.</summary>
internal sealed partial class DictionaryStorage
{
    public Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var accounts = _accounts.Where(a => a.Value.Log.Exists(e => e.Number == number) || a.Value.Suppressions.Keys.Any(k => k.Number == number.Value)
                    || a.Value.LastReplies.ContainsKey(number.Value))
                .Select(a => new AccountId(a.Key))
                .Union(_tokens.Values.Where(t => t.Target.Number == number).Select(t => t.Target.Account));
            return Task.FromResult<IReadOnlyList<AccountId>>([.. accounts]);
        }
    }

    public Task<ErasureRecord> EraseAsync(PhoneNumber number, NumberPseudonym pseudonym, ErasureRecord record, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateErasure(number, pseudonym, record);
        lock (_gate)
        {
            var state = State(record.Account);
            var suppressions = state.Suppressions.Keys.Where(k => k.Number == number.Value).ToList();
            foreach (var key in suppressions)
            {
                state.Suppressions.Remove(key);
                state.ErasedSuppressions.Add((pseudonym.Value, key.List));
                state.ErasedKeys.Add(pseudonym.KeyId);
            }

            var eventIds = state.Log.Where(e => e.Number == number).Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
            state.Log.RemoveAll(e => eventIds.Contains(e.EventId));
            state.EventIds.ExceptWith(eventIds);
            var erased = record with
            {
                Events = eventIds.Count,
                Suppressions = suppressions.Count,
                Tokens = RemoveTokens(t => t.Target.Account == record.Account && t.Target.Number == number),
                Webhooks = RemoveMessages(m => m.Account == record.Account && eventIds.Contains(m.EventId)),
                Replies = state.LastReplies.Remove(number.Value) ? 1 : 0,
            };

            // A record is kept only when something was erased, so it never names a number the account did not hold.
            if (erased.Events + erased.Suppressions + erased.Tokens + erased.Webhooks + erased.Replies > 0)
            {
                state.Erasures.Add(erased);
            }

            return Task.FromResult(erased);
        }
    }

    public IAsyncEnumerable<ErasureRecord> GetErasuresAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        lock (_gate)
        {
            return Stream(_accounts.TryGetValue(account.Value, out var state) ? [.. state.Erasures] : Array.Empty<ErasureRecord>(), cancellationToken);
        }
    }

    public Task<IReadOnlyList<SuppressedNumber>> GetSuppressionsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SuppressedNumber>>(!_accounts.TryGetValue(account.Value, out var state) ? [] :
                [.. state.Suppressions.Where(s => s.Key.Number == number.Value).OrderBy(s => s.Key.List, StringComparer.Ordinal).Select(s => Entry(s.Value, s.Key.List))]);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> GetWebhooksAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var eventIds = Events(account, e => e.Number == number).Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<OutboxMessage>>(Messages(m => m.Account == account && eventIds.Contains(m.EventId)));
    }

    public Task<IReadOnlyList<StoredLinkToken>> GetTokensAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredLinkToken>>([.. _tokens.Values.Where(t => t.Target.Account == account && t.Target.Number == number)]);
        }
    }

    public Task<int> MinimizeEvidenceAsync(DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        var changed = 0;
        lock (_gate)
        {
            foreach (var log in _accounts.Values.Select(a => a.Log))
            {
                for (var i = 0; i < log.Count && changed < limit; i++)
                {
                    if (log[i].RecordedAt < recordedBefore && ConsentEvidenceMinimizer.HasPersonalDetails(log[i].Evidence))
                    {
                        log[i] = log[i] with { Evidence = ConsentEvidenceMinimizer.Minimize(log[i].Evidence) };
                        changed++;
                    }
                }
            }
        }

        return Task.FromResult(changed);
    }
}
