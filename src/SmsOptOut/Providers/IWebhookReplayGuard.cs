namespace SmsOptOut.Providers;

/// <summary>
/// Remembers the one-time values (nonces, signatures) of verified provider webhooks, so a captured request replayed
/// later is refused — a signed START captured in transit and replayed after the person's STOP must not re-subscribe
/// them. Every durable storage adapter implements it in its store, so the guard holds across app instances and
/// restarts; the in-process guard serves only the in-memory store (and adapters that do not implement it). For storage
/// adapter authors: verified by the conformance suite <c>WebhookReplayGuardTests</c>.
/// </summary>
public interface IWebhookReplayGuard
{
    /// <summary>Records <paramref name="key"/> as used until <paramref name="expiresAt"/>.</summary>
    /// <param name="key">The provider and the one-time value, for example <c>plivo:31627761595286130198</c>.</param>
    /// <param name="expiresAt">After when the value may be forgotten (when its timestamp would be refused anyway).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the value was already used: a replay.</returns>
    ValueTask<bool> TryUseAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets <paramref name="key"/>, so the provider's retry of a request the host failed to process is accepted: a
    /// verified request that was not recorded must not be refused as a replay.
    /// </summary>
    /// <param name="key">The key given to <see cref="TryUseAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the key is forgotten.</returns>
    ValueTask ForgetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes values whose expiry is at or before <paramref name="now"/>, at most <paramref name="limit"/> of them. A
    /// store whose values expire by themselves (Redis) does nothing and returns 0. Called by the storage cleanup.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="limit">The most values to delete in this call.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted; fewer than <paramref name="limit"/> when none are left.</returns>
    ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}
