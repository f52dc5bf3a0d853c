namespace SmsOptOut.Sending;

/// <summary>The outcome of a single-number send.</summary>
/// <param name="Status">Sent, suppressed (opted out: nothing sent), failed, unknown, or opted out at the provider.</param>
public sealed record SingleSendResult(RecipientStatus Status)
{
    /// <summary>The provider's message id, when sent.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>What went wrong, when not sent.</summary>
    public string? Error { get; init; }
}
