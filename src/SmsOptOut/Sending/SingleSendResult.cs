namespace SmsOptOut.Sending;

/// <summary>The outcome of a single-number send.</summary>
/// <param name="Status">What happened: sent; suppressed, on the Do-Not-Call registry, without consent, deferred by calling hours or at a frequency cap (nothing sent); failed, unknown, or opted out at the provider.</param>
public sealed record SingleSendResult(RecipientStatus Status)
{
    /// <summary>The provider's message id, when sent.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>For <see cref="RecipientStatus.Deferred"/>: the earliest instant the message may be sent.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>For <see cref="RecipientStatus.Deferred"/>: whether the message is held and will be sent by the scheduler then.</summary>
    public bool Held { get; init; }

    /// <summary>What went wrong, when not sent: which rule held the message back, or the provider's words.</summary>
    public string? Error { get; init; }
}
