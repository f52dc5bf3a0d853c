namespace SmsOptOut.Consent;

/// <summary>The channel a consent change arrived through. Recorded with every event and sent with opt-out webhooks.</summary>
public enum OptOutSource
{
    /// <summary>The person confirmed the per-recipient opt-out link (webhook text <c>"Optout Link"</c>).</summary>
    OptOutLink = 1,

    /// <summary>The person replied with a keyword such as STOP to the sending number (webhook text <c>"TollFree number"</c>).</summary>
    Keyword = 2,

    /// <summary>The host application called the API, for example from a support agent's screen (webhook text <c>"API"</c>).</summary>
    Api = 3,

    /// <summary>Imported from an existing suppression list (webhook text <c>"Import"</c>).</summary>
    Import = 4,

    /// <summary>The SMS provider reported that the recipient has opted out, for example Twilio error 21610 (webhook text <c>"Provider"</c>).</summary>
    ProviderError = 5,
}
