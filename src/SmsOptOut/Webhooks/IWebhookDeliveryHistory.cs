using SmsOptOut.Consent;

namespace SmsOptOut.Webhooks;

/// <summary>
/// The outbox messages an account's dispatcher attempted most recently — delivered, failed and waiting for a retry,
/// or dead-lettered — for a dashboard's "recent deliveries". Optional for storage adapters; verified by the conformance
/// suite where implemented (every store SmsOptOut ships).
/// </summary>
public interface IWebhookDeliveryHistory
{
    /// <summary>Up to <paramref name="limit"/> messages of <paramref name="account"/> with at least one attempt, the most recently attempted first.</summary>
    /// <param name="account">The account.</param>
    /// <param name="limit">The most messages to return: 1 to 500.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The messages; a store may keep only its most recent attempts per account for this.</returns>
    Task<IReadOnlyList<OutboxMessage>> GetRecentAttemptsAsync(AccountId account, int limit, CancellationToken cancellationToken = default);
}
