using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;

namespace SmsOptOut.Storage.InMemory;

/// <summary>Held messages in process memory. Not durable.</summary>
internal sealed class InMemoryDeferredSendStore : IDeferredSendStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DeferredSend Send, bool Claimed)> _sends = new(StringComparer.Ordinal);

    public Task AddAsync(IReadOnlyList<DeferredSend> sends, CancellationToken cancellationToken = default)
    {
        DeferredSendArguments.Validate(sends);
        lock (_gate)
        {
            foreach (var send in sends)
            {
                _sends.TryAdd(send.Id, (send, false));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeferredSend>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        lock (_gate)
        {
            var due = _sends.Values.Where(s => !s.Claimed && s.Send.NotBefore <= now).Select(s => s.Send).OrderBy(s => s.NotBefore).Take(limit).ToList();
            foreach (var send in due)
            {
                _sends[send.Id] = (send, true);
            }

            return Task.FromResult<IReadOnlyList<DeferredSend>>(due);
        }
    }

    public Task<int> CompleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            return Task.FromResult(ids.Count(id => _sends.TryGetValue(id, out var s) && s.Claimed && _sends.Remove(id)));
        }
    }

    public Task<int> DeleteAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        lock (_gate)
        {
            var ids = _sends.Values.Where(s => s.Send.Account == account && s.Send.Number == number).Select(s => s.Send.Id).ToList();
            ids.ForEach(id => _sends.Remove(id));
            return Task.FromResult(ids.Count);
        }
    }

    public Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AccountId>>([.. _sends.Values.Where(s => s.Send.Number == number).Select(s => s.Send.Account).Distinct()]);
        }
    }

    public Task<DeferredSendCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = _sends.Values.Count(s => s.Claimed);
            return Task.FromResult(new DeferredSendCounts(_sends.Count - claimed, claimed));
        }
    }
}
