namespace SmsOptOut.Consent;

/// <summary>
/// Told about every consent event that <see cref="IOptOutService"/> applied, after it is stored. Register
/// implementations in the service collection. Observers run in registration order; an observer that throws is logged
/// and does not undo the event or stop the other observers. Work that must never be lost belongs in the store's
/// outbox (webhooks), not here.
/// </summary>
public interface IConsentEventObserver
{
    /// <summary>Called once for each applied event.</summary>
    /// <param name="consentEvent">The event, as stored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    ValueTask OnConsentRecordedAsync(ConsentEvent consentEvent, CancellationToken cancellationToken);
}
