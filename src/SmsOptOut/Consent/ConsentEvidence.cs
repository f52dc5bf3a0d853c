namespace SmsOptOut.Consent;

/// <summary>
/// What proves a consent change: the inbound message and its provider id for a keyword, the link token, user agent
/// and client address for a link, a free-text note for API calls and imports. Every property is optional.
/// </summary>
public sealed record ConsentEvidence
{
    /// <summary>No evidence beyond the event itself.</summary>
    public static ConsentEvidence None { get; } = new();

    /// <summary>The text of the inbound message (keyword opt-outs).</summary>
    public string? MessageText { get; init; }

    /// <summary>The provider's id of the inbound message or of the failed outbound message.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>The provider that reported the message or error, for example <c>twilio</c>.</summary>
    public string? ProviderName { get; init; }

    /// <summary>The provider's error code (provider-error opt-outs), for example <c>21610</c>.</summary>
    public string? ProviderErrorCode { get; init; }

    /// <summary>The link token that was confirmed (link opt-outs).</summary>
    public string? LinkToken { get; init; }

    /// <summary>The user agent of the browser that confirmed the link.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The client address that confirmed the link, as configured behind proxies.</summary>
    public string? IpAddress { get; init; }

    /// <summary>The page of the sign-up form (opt-in requests).</summary>
    public string? PageUrl { get; init; }

    /// <summary>The exact consent disclosure shown to the person beside the sign-up (opt-in requests).</summary>
    public string? DisclosureText { get; init; }

    /// <summary>A free-text note, for example the agent who recorded an API opt-out or the file an import came from.</summary>
    public string? Note { get; init; }
}
