using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>Held messages: one dictionary by id; a claim flips the flag of the due ones under the lock.</summary>
internal sealed partial class DictionaryStorage
{
    public Task AddAsync(IReadOnlyList<DeferredSend> sends, CancellationToken cancellationToken = default)
    {
        DeferredSendArguments.Validate(sends);
        lock (_gate)
        {
            foreach (var send in sends.Where(s => !_held.ContainsKey(s.Id)))
            {
                _held.Add(send.Id, (send, false));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeferredSend>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        lock (_gate)
        {
            IReadOnlyList<DeferredSend> due = [.. _held.Values.Where(h => !h.Claimed && h.Send.NotBefore <= now).Select(h => h.Send).OrderBy(s => s.NotBefore).Take(limit)];
            foreach (var send in due)
            {
                _held[send.Id] = (send, true);
            }

            return Task.FromResult(due);
        }
    }

    public Task<int> CompleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            var done = ids.Where(id => _held.TryGetValue(id, out var h) && h.Claimed).ToList();
            done.ForEach(id => _held.Remove(id));
            return Task.FromResult(done.Count);
        }
    }

    public Task<int> DeleteAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        lock (_gate)
        {
            var ids = _held.Where(h => h.Value.Send.Account == account && h.Value.Send.Number == number).Select(h => h.Key).ToList();
            ids.ForEach(id => _held.Remove(id));
            return Task.FromResult(ids.Count);
        }
    }

    Task<IReadOnlyList<AccountId>> IDeferredSendStore.FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AccountId>>([.. _held.Values.Where(h => h.Send.Number == number).Select(h => h.Send.Account).Distinct()]);
        }
    }

    public Task<DeferredSendCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = _held.Values.Count(h => h.Claimed);
            return Task.FromResult(new DeferredSendCounts(_held.Count - claimed, claimed));
        }
    }
}
