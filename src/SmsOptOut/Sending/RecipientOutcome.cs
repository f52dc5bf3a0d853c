using SmsOptOut.Numbers;

namespace SmsOptOut.Sending;

/// <summary>The outcome for one recipient of a list send.</summary>
/// <param name="Input">The recipient as given.</param>
/// <param name="Status">What happened.</param>
public sealed record RecipientOutcome(string Input, RecipientStatus Status)
{
    /// <summary>The parsed number, unless <see cref="RecipientStatus.Invalid"/>.</summary>
    public PhoneNumber? Number { get; init; }

    /// <summary>The provider's message id, when sent.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>Why the number is invalid or the message failed.</summary>
    public string? Error { get; init; }

    /// <summary>For a <see cref="RecipientStatus.Deferred"/> recipient: the earliest instant every quiet-hours rule allows a message.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>For a <see cref="RecipientStatus.Deferred"/> recipient: whether the message is held and the scheduler sends it from <see cref="NotBefore"/> (<c>SendingOptions.HoldDeferred</c>).</summary>
    public bool Held { get; init; }
}
