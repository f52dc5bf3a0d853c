using SmsOptOut.Consent;
using SmsOptOut.Providers;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>
/// The replay guard of provider webhooks (one-time values used once until they expire, judged on the host's clock:
/// the <see cref="TimeProvider"/> the store was given) and the reconciliation checkpoints (an opaque text per account
/// and provider). Under the one lock, so of concurrent uses of a value exactly one gets through.
/// </summary>
internal sealed partial class DictionaryStorage
{
    /// <summary>Used one-time values and when each may be forgotten.</summary>
    private readonly Dictionary<string, DateTimeOffset> _usedValues = new(StringComparer.Ordinal);

    public ValueTask<bool> TryUseAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateReplayKey(key);
        lock (_gate)
        {
            // A value whose expiry is at or before now is free again.
            if (_usedValues.TryGetValue(key, out var until) && until > time.GetUtcNow())
            {
                return ValueTask.FromResult(false);
            }

            _usedValues[key] = expiresAt;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            _usedValues.Remove(key);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            var expired = _usedValues.Where(v => v.Value <= now).Take(limit).Select(v => v.Key).ToList();
            foreach (var key in expired)
            {
                _usedValues.Remove(key);
            }

            return ValueTask.FromResult(expired.Count);
        }
    }

    public Task<string?> GetCheckpointAsync(AccountId account, string provider, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateCheckpointKey(account, provider);
        lock (_gate)
        {
            return Task.FromResult(_accounts.GetValueOrDefault(account.Value)?.Checkpoints.GetValueOrDefault(provider).Checkpoint);
        }
    }

    public Task SaveCheckpointAsync(AccountId account, string provider, string checkpoint, DateTimeOffset savedAt, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateCheckpoint(account, provider, checkpoint);
        lock (_gate)
        {
            State(account).Checkpoints[provider] = (checkpoint, savedAt);
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<StoredReconciliationCheckpoint> ListCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Stream(_accounts.SelectMany(a => a.Value.Checkpoints.Select(c => new StoredReconciliationCheckpoint(new AccountId(a.Key), c.Key, c.Value.Checkpoint, c.Value.SavedAt)))
                .ToList(), cancellationToken);
        }
    }
}
