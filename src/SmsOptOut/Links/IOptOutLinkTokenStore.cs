namespace SmsOptOut.Links;

/// <summary>Keeps stored-mode opt-out link tokens. Implemented by each storage adapter; verified by the conformance suite.</summary>
public interface IOptOutLinkTokenStore
{
    /// <summary>
    /// Adds a batch of tokens in one round trip (one transaction in SQL stores). A token that already exists is left
    /// unchanged and returned, so the caller can issue a fresh one; every other token is added.
    /// </summary>
    /// <param name="tokens">The tokens.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tokens that were not added because they already exist (almost always empty).</returns>
    Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default);

    /// <summary>Finds a token that has not expired at <paramref name="now"/>.</summary>
    /// <param name="token">The token.</param>
    /// <param name="now">The current time; a token whose <see cref="StoredLinkToken.ExpiresAt"/> is at or before it is not found.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The token, or <see langword="null"/> when unknown or expired.</returns>
    Task<StoredLinkToken?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Deletes tokens that expired at or before <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many tokens were deleted.</returns>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
