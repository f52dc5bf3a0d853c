namespace SmsOptOut.Providers;

/// <summary>
/// Remembers the one-time values (nonces, signatures) of verified provider webhooks, so a captured request replayed
/// later is refused. The default keeps them in process memory; hosts with several instances may register a shared one.
/// Replays are harmless anyway (every message and consent change is idempotent by the provider's id); this refuses them
/// before they are read.
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
}
