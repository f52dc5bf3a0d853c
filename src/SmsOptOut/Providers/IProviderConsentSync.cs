namespace SmsOptOut.Providers;

/// <summary>
/// Pushes a consent change recorded here to the provider's own opt-out list, so the provider and SmsOptOut agree.
/// Called from the durable outbox: retried with backoff, never lost, and never for a change the provider itself reported.
/// </summary>
public interface IProviderConsentSync
{
    /// <summary>Pushes one change.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Done, to be retried, or refused for good.</returns>
    Task<ProviderSyncResult> PushAsync(ProviderConsentPush change, CancellationToken cancellationToken = default);
}
