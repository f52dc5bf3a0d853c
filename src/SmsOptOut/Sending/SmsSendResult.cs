namespace SmsOptOut.Sending;

/// <summary>The outcome of handing one message to a transport.</summary>
/// <param name="Status">Sent, failed, unknown, or refused because the recipient opted out.</param>
public sealed record SmsSendResult(SmsSendStatus Status)
{
    /// <summary>The provider's id of the message, when it was created.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>The provider's error code, when it refused the message (for example <c>21610</c>).</summary>
    public string? ProviderErrorCode { get; init; }

    /// <summary>The provider's name, for example <c>twilio</c>; recorded as evidence of a provider opt-out.</summary>
    public string? ProviderName { get; init; }

    /// <summary>What went wrong, in the provider's words or ours.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>A message the provider accepted.</summary>
    /// <param name="providerMessageId">The provider's id of the message.</param>
    /// <returns>The result.</returns>
    public static SmsSendResult Sent(string? providerMessageId) => new(SmsSendStatus.Sent) { ProviderMessageId = providerMessageId };

    /// <summary>A message the provider refused or that could not be handed over.</summary>
    /// <param name="errorCode">The provider's error code, if any.</param>
    /// <param name="errorMessage">What went wrong.</param>
    /// <returns>The result.</returns>
    public static SmsSendResult Failed(string? errorCode, string? errorMessage) =>
        new(SmsSendStatus.Failed) { ProviderErrorCode = errorCode, ErrorMessage = errorMessage };

    /// <summary>A message the provider refused because the recipient opted out with it (replied STOP, or is on its block list).</summary>
    /// <param name="errorCode">The provider's error code, such as Twilio's <c>21610</c>.</param>
    /// <param name="errorMessage">The provider's words.</param>
    /// <returns>The result.</returns>
    public static SmsSendResult OptedOut(string errorCode, string? errorMessage) =>
        new(SmsSendStatus.RecipientOptedOut) { ProviderErrorCode = errorCode, ErrorMessage = errorMessage };
}
