using SmsOptOut.Links;

namespace SmsOptOut.Storage.SampleAdapter;

/// <summary>Stored opt-out link tokens (the short links of list sends).</summary>
internal sealed partial class DictionaryStorage
{
    private readonly Dictionary<string, StoredLinkToken> _tokens = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default)
    {
        LinkTokenStoreArguments.Validate(tokens);
        lock (_gate)
        {
            // A token already taken is kept as it is and reported, so the caller can draw another.
            return Task.FromResult<IReadOnlyList<string>>([.. tokens.Where(t => !_tokens.TryAdd(t.Token, t)).Select(t => t.Token)]);
        }
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
            return Task.FromResult(RemoveTokens(t => t.ExpiresAt <= now));
        }
    }

    /// <summary>Removes the tokens that meet <paramref name="condition"/>; the caller holds the lock.</summary>
    private int RemoveTokens(Func<StoredLinkToken, bool> condition)
    {
        var doomed = _tokens.Values.Where(condition).Select(t => t.Token).ToList();
        doomed.ForEach(t => _tokens.Remove(t));
        return doomed.Count;
    }
}
