using SmsOptOut.Links;

namespace SmsOptOut.Storage.InMemory;

/// <summary>Stored-mode link tokens in process memory, behind one lock (token reads are rare: one per link click). Not durable.</summary>
internal sealed class InMemoryLinkTokenStore : IOptOutLinkTokenStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredLinkToken> _tokens = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default)
    {
        StoreArguments.Validate(tokens);
        List<string>? taken = null;
        lock (_gate)
        {
            foreach (var token in tokens)
            {
                if (!_tokens.TryAdd(token.Token, token))
                {
                    (taken ??= []).Add(token.Token);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(taken ?? (IReadOnlyList<string>)[]);
    }

    public Task<StoredLinkToken?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            return Task.FromResult(_tokens.TryGetValue(token, out var found) && found.ExpiresAt > now ? found : null);
        }
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var expired = _tokens.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList();
            foreach (var key in expired)
            {
                _tokens.Remove(key);
            }

            return Task.FromResult(expired.Count);
        }
    }

    /// <summary>How many tokens are kept, expired or not.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Count;
            }
        }
    }
}
