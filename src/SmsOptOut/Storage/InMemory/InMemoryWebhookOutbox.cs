using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Storage.InMemory;

/// <summary>The webhook outbox of the in-memory storage, behind one lock. Not durable.</summary>
internal sealed class InMemoryWebhookOutbox : IWebhookOutboxStore, IWebhookDeliveryHistory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OutboxMessage> _messages = new(StringComparer.Ordinal);

    /// <summary>Adds messages owed by an applied consent event (called under the suppression store's account lock).</summary>
    public void AddRange(IReadOnlyList<OutboxMessage> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var message in messages)
            {
                _messages.TryAdd(message.Id, message);
            }
        }
    }

    /// <summary>The messages (any state) of the given events of an account.</summary>
    public IReadOnlyList<OutboxMessage> OfEvents(AccountId account, IReadOnlySet<string> eventIds)
    {
        lock (_gate)
        {
            return [.. _messages.Values.Where(m => m.Account == account && eventIds.Contains(m.EventId)).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Deletes the messages (any state) of the given events of an account; returns how many.</summary>
    public int RemoveEvents(AccountId account, IReadOnlySet<string> eventIds)
    {
        lock (_gate)
        {
            var doomed = _messages.Values.Where(m => m.Account == account && eventIds.Contains(m.EventId)).Select(m => m.Id).ToList();
            foreach (var id in doomed)
            {
                _messages.Remove(id);
            }

            return doomed.Count;
        }
    }

    /// <summary>The ids of every message kept, in any state (for tests and diagnostics).</summary>
    public IReadOnlyList<string> Ids
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages.Keys];
            }
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        WebhookOutboxArguments.ValidateClaim(owner, lease, limit);
        lock (_gate)
        {
            var due = _messages.Values
                .Where(m => m.State == OutboxMessageState.Pending && m.NextAttemptAt <= now && (m.LeaseExpiresAt is null || m.LeaseExpiresAt <= now))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id, StringComparer.Ordinal)
                .Take(limit)
                .Select(m => m with { LeaseOwner = owner, LeaseExpiresAt = now + lease })
                .ToList();
            foreach (var message in due)
            {
                _messages[message.Id] = message;
            }

            return Task.FromResult<IReadOnlyList<OutboxMessage>>(due);
        }
    }

    public Task<bool> RecordAttemptAsync(OutboxAttempt attempt, CancellationToken cancellationToken = default)
    {
        WebhookOutboxArguments.Validate(attempt);
        lock (_gate)
        {
            if (!_messages.TryGetValue(attempt.MessageId, out var message) || message.LeaseOwner != attempt.LeaseOwner || message.State != OutboxMessageState.Pending)
            {
                return Task.FromResult(false);
            }

            _messages[attempt.MessageId] = message with
            {
                State = attempt.State,
                Attempts = attempt.Attempts,
                NextAttemptAt = attempt.NextAttemptAt,
                LastAttemptAt = attempt.AttemptedAt,
                LastError = attempt.Error,
                LeaseOwner = null,
                LeaseExpiresAt = null,
            };
            return Task.FromResult(true);
        }
    }

    public Task<OutboxMessage?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        lock (_gate)
        {
            return Task.FromResult(_messages.GetValueOrDefault(messageId));
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> GetRecentAttemptsAsync(AccountId account, int limit, CancellationToken cancellationToken = default)
    {
        WebhookDeliveryHistoryArguments.ValidateRecent(account, limit);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(
                [.. _messages.Values.Where(m => m.Account == account && m.LastAttemptAt is not null).OrderByDescending(m => m.LastAttemptAt).Take(limit)]);
        }
    }

    public async IAsyncEnumerable<OutboxMessage> GetDeadLettersAsync(AccountId account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        List<OutboxMessage> dead;
        lock (_gate)
        {
            dead = _messages.Values.Where(m => m.Account == account && m.State == OutboxMessageState.DeadLettered)
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        }

        foreach (var message in dead)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return message;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<int> ReplayDeadLettersAsync(AccountId account, IReadOnlyCollection<string>? messageIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        lock (_gate)
        {
            var replay = _messages.Values
                .Where(m => m.Account == account && m.State == OutboxMessageState.DeadLettered && (messageIds is null || messageIds.Contains(m.Id)))
                .ToList();
            foreach (var message in replay)
            {
                _messages[message.Id] = message with { State = OutboxMessageState.Pending, Attempts = 0, NextAttemptAt = now, LeaseOwner = null, LeaseExpiresAt = null };
            }

            return Task.FromResult(replay.Count);
        }
    }

    public Task<int> MakeDueAsync(AccountId? account, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (account is { } a)
        {
            StoreArguments.ValidateAccount(a);
        }

        lock (_gate)
        {
            var waiting = _messages.Values
                .Where(m => m.State == OutboxMessageState.Pending && m.NextAttemptAt > now && !(m.LeaseExpiresAt > now) && (account is null || m.Account == account))
                .ToList();
            foreach (var message in waiting)
            {
                _messages[message.Id] = message with { NextAttemptAt = now };
            }

            return Task.FromResult(waiting.Count);
        }
    }

    public Task<OutboxCounts> CountAsync(AccountId? account = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var messages = _messages.Values.Where(m => account is null || m.Account == account).ToList();
            var pending = messages.Where(m => m.State == OutboxMessageState.Pending).ToList();
            return Task.FromResult(new OutboxCounts(
                pending.Count,
                messages.Count(m => m.State == OutboxMessageState.Delivered),
                messages.Count(m => m.State == OutboxMessageState.DeadLettered))
            {
                OldestDueAt = pending.Count == 0 ? null : pending.Min(m => m.NextAttemptAt),
            });
        }
    }

    public Task<int> DeleteDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var old = _messages.Values.Where(m => m.State == OutboxMessageState.Delivered && m.LastAttemptAt < deliveredBefore).Select(m => m.Id).ToList();
            foreach (var id in old)
            {
                _messages.Remove(id);
            }

            return Task.FromResult(old.Count);
        }
    }
}
