using System.Collections.Concurrent;

namespace SmsOptOut.Providers.Internal;

/// <summary>Used nonces in process memory until they expire; expired ones are swept every thousand new ones.</summary>
internal sealed class InMemoryWebhookReplayGuard(TimeProvider time) : IWebhookReplayGuard
{
    private const int SweepEvery = 1_024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private int _added;

    public ValueTask<bool> TryUseAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        SmsOptOut.Providers.WebhookReplayGuardArguments.ValidateReplayKey(key);
        var now = time.GetUtcNow();
        if (_used.TryGetValue(key, out var until) && until > now)
        {
            return ValueTask.FromResult(false);
        }

        // A concurrent second use of the same fresh value loses here.
        var fresh = _used.TryAdd(key, expiresAt) || (_used.TryGetValue(key, out var old) && old <= now && _used.TryUpdate(key, expiresAt, old));
        if (fresh && Interlocked.Increment(ref _added) % SweepEvery == 0)
        {
            foreach (var (used, expires) in _used)
            {
                if (expires <= now)
                {
                    _used.TryRemove(new KeyValuePair<string, DateTimeOffset>(used, expires));
                }
            }
        }

        return ValueTask.FromResult(fresh);
    }

    public ValueTask ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        SmsOptOut.Providers.WebhookReplayGuardArguments.ValidateReplayKey(key);
        _used.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var deleted = 0;
        foreach (var entry in _used)
        {
            if (deleted == limit)
            {
                break;
            }

            if (entry.Value <= now && _used.TryRemove(entry))
            {
                deleted++;
            }
        }

        return ValueTask.FromResult(deleted);
    }
}
