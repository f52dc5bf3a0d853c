using SmsOptOut.Providers;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>
/// The replay guard of provider webhooks (one-time values used once until they expire, judged on the host's clock:
/// the <see cref="TimeProvider"/> the store was given). Under the one lock, so of concurrent uses of a value exactly one
/// gets through.
/// </summary>
internal sealed partial class DictionaryStorage
{
    /// <summary>Used one-time values and when each may be forgotten.</summary>
    private readonly Dictionary<string, DateTimeOffset> _usedValues = new(StringComparer.Ordinal);

    public ValueTask<bool> TryUseAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        WebhookReplayGuardArguments.ValidateReplayKey(key);
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
}
