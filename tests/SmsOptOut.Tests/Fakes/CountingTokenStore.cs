using SmsOptOut.Links;

namespace SmsOptOut.Tests.Fakes;

/// <summary>
/// Wraps a real token store to count round trips, and optionally to make the first batch collide by adding its tokens
/// under another target first, so the real store reports them as taken.
/// </summary>
public sealed class CountingTokenStore(IOptOutLinkTokenStore inner, bool collideFirstBatch = false) : IOptOutLinkTokenStore
{
    private int _adds;

    public int AddCalls => _adds;

    public async Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _adds) == 1 && collideFirstBatch)
        {
            await inner.AddAsync(tokens.Select(t => t with { Target = t.Target with { List = new("someone-else") } }).ToArray(), cancellationToken);
        }

        return await inner.AddAsync(tokens, cancellationToken);
    }

    public Task<StoredLinkToken?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.FindAsync(token, now, cancellationToken);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.DeleteExpiredAsync(now, cancellationToken);
}
