using SmsOptOut.Suppression;

namespace SmsOptOut.Consent;

/// <summary>The outcome of an opt-out or opt-in request.</summary>
/// <param name="Status">Whether the request changed the suppression state.</param>
/// <param name="Event">The event that was applied, or that would have been when nothing changed.</param>
public sealed record ConsentResult(ConsentApplyStatus Status, ConsentEvent Event)
{
    /// <summary>Whether the request was recorded and changed the suppression state.</summary>
    public bool Changed => Status == ConsentApplyStatus.Applied;
}
