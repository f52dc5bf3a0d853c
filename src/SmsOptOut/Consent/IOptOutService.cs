namespace SmsOptOut.Consent;

/// <summary>
/// The one path for consent changes. Every opt-out and opt-in — from a link, a keyword, the API, an import or a
/// provider error — goes through this service, which records the consent event, updates suppression and owes the
/// webhook in one atomic, idempotent step, then tells the registered <see cref="IConsentEventObserver"/>s.
/// </summary>
public interface IOptOutService
{
    /// <summary>Records that the person asked to receive no more messages.</summary>
    /// <param name="request">Who, through what, and the evidence.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The event and whether it changed anything.</returns>
    /// <exception cref="ArgumentException">The request is incomplete (empty number, list scope without a list, bad idempotency key).</exception>
    Task<ConsentResult> OptOutAsync(ConsentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records that the person asked to receive messages again.</summary>
    /// <param name="request">Who, through what, and the evidence.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The event and whether it changed anything.</returns>
    /// <exception cref="ArgumentException">The request is incomplete (empty number, list scope without a list, bad idempotency key).</exception>
    Task<ConsentResult> OptInAsync(ConsentRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records many opt-outs in one store round trip (imports of existing suppression lists, bulk API calls). Each
    /// request is handled as <see cref="OptOutAsync"/> would, in order; the batch is applied all or nothing.
    /// </summary>
    /// <param name="requests">Up to 10,000 requests.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One result per request, in order.</returns>
    /// <exception cref="ArgumentException">A request is incomplete, or there are more than 10,000; nothing was written.</exception>
    Task<IReadOnlyList<ConsentResult>> OptOutManyAsync(IReadOnlyList<ConsentRequest> requests, CancellationToken cancellationToken = default);
}
