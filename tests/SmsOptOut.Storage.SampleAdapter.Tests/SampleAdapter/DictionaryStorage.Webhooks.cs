using SmsOptOut.Consent;
using SmsOptOut.DoNotCall;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>The webhook outbox: messages written with their events, claimed under leases, retried, dead-lettered, replayed.</summary>
internal sealed partial class DictionaryStorage
{
    private readonly Dictionary<string, OutboxMessage> _outbox = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        WebhookOutboxArguments.ValidateClaim(owner, lease, limit);
        lock (_gate)
        {
            var claimed = _outbox.Values
                .Where(m => m.State == OutboxMessageState.Pending && m.NextAttemptAt <= now && !(m.LeaseExpiresAt > now))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id, StringComparer.Ordinal)
                .Take(limit)
                .Select(m => m with { LeaseOwner = owner, LeaseExpiresAt = now + lease })
                .ToList();
            claimed.ForEach(m => _outbox[m.Id] = m);
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(claimed);
        }
    }

    public Task<bool> RecordAttemptAsync(OutboxAttempt attempt, CancellationToken cancellationToken = default)
    {
        WebhookOutboxArguments.Validate(attempt);
        lock (_gate)
        {
            // Only the holder of the lease may record; a message whose lease was taken over is left to the new holder.
            if (!_outbox.TryGetValue(attempt.MessageId, out var m) || m.LeaseOwner != attempt.LeaseOwner || m.State != OutboxMessageState.Pending)
            {
                return Task.FromResult(false);
            }

            _outbox[m.Id] = m with
            {
                State = attempt.State, Attempts = attempt.Attempts, NextAttemptAt = attempt.NextAttemptAt, LastAttemptAt = attempt.AttemptedAt,
                LastError = attempt.Error, LeaseOwner = null, LeaseExpiresAt = null,
            };
            return Task.FromResult(true);
        }
    }

    public Task<OutboxMessage?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        lock (_gate)
        {
            return Task.FromResult(_outbox.GetValueOrDefault(messageId));
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> GetRecentAttemptsAsync(AccountId account, int limit, CancellationToken cancellationToken = default)
    {
        WebhookDeliveryHistoryArguments.ValidateRecent(account, limit);
        lock (_gate)
        {
            IReadOnlyList<OutboxMessage> recent = [.. _outbox.Values.Where(m => m.Account == account && m.LastAttemptAt.HasValue).OrderByDescending(m => m.LastAttemptAt!.Value).Take(limit)];
            return Task.FromResult(recent);
        }
    }

    public IAsyncEnumerable<OutboxMessage> GetDeadLettersAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        return Stream(Messages(m => m.Account == account && m.State == OutboxMessageState.DeadLettered), cancellationToken);
    }

    public Task<int> ReplayDeadLettersAsync(AccountId account, IReadOnlyCollection<string>? messageIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        return Update(m => m.Account == account && m.State == OutboxMessageState.DeadLettered && (messageIds is null || messageIds.Contains(m.Id)),
            m => m with { State = OutboxMessageState.Pending, Attempts = 0, NextAttemptAt = now, LeaseOwner = null, LeaseExpiresAt = null });
    }

    public Task<int> MakeDueAsync(AccountId? account, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        DoNotCallRegistryArguments.ValidateRegistry(account);
        return Update(m => m.State == OutboxMessageState.Pending && m.NextAttemptAt > now && !(m.LeaseExpiresAt > now) && (account is null || m.Account == account),
            m => m with { NextAttemptAt = now });
    }

    public Task<OutboxCounts> CountAsync(AccountId? account = null, CancellationToken cancellationToken = default)
    {
        var messages = Messages(m => account is null || m.Account == account);
        var pending = messages.Where(m => m.State == OutboxMessageState.Pending).ToList();
        return Task.FromResult(new OutboxCounts(pending.Count, messages.Count(m => m.State == OutboxMessageState.Delivered),
            messages.Count(m => m.State == OutboxMessageState.DeadLettered))
        {
            OldestDueAt = pending.Count == 0 ? null : pending.Min(m => m.NextAttemptAt),
        });
    }

    public Task<int> DeleteDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(RemoveMessages(m => m.State == OutboxMessageState.Delivered && m.LastAttemptAt < deliveredBefore));
        }
    }

    /// <summary>The messages that meet <paramref name="condition"/>, oldest first.</summary>
    private List<OutboxMessage> Messages(Func<OutboxMessage, bool> condition)
    {
        lock (_gate)
        {
            return [.. _outbox.Values.Where(condition).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal)];
        }
    }

    private Task<int> Update(Func<OutboxMessage, bool> condition, Func<OutboxMessage, OutboxMessage> change)
    {
        lock (_gate)
        {
            var changed = _outbox.Values.Where(condition).Select(change).ToList();
            changed.ForEach(m => _outbox[m.Id] = m);
            return Task.FromResult(changed.Count);
        }
    }

    /// <summary>Removes the messages that meet <paramref name="condition"/>; the caller holds the lock.</summary>
    private int RemoveMessages(Func<OutboxMessage, bool> condition)
    {
        var doomed = _outbox.Values.Where(condition).Select(m => m.Id).ToList();
        doomed.ForEach(id => _outbox.Remove(id));
        return doomed.Count;
    }
}
