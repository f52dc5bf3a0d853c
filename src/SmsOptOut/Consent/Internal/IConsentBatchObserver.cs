namespace SmsOptOut.Consent.Internal;

/// <summary>
/// An observer that takes the applied events of one batch (<see cref="IOptOutService.OptOutManyAsync"/>) in one call,
/// so its work costs a round trip per batch instead of one per event. <see cref="IOptOutService"/> calls it instead of
/// <see cref="IConsentEventObserver.OnConsentRecordedAsync"/> for a batch; a single event still goes to that method.
/// </summary>
internal interface IConsentBatchObserver : IConsentEventObserver
{
    /// <summary>Called once with the events of a batch that were applied, in the batch's order (never empty).</summary>
    /// <param name="events">The events, as stored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    ValueTask OnConsentRecordedManyAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken);
}
