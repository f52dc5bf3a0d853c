namespace SmsOptOut.Providers;

/// <summary>The HTTP answer to a provider's webhook.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The body.</param>
public sealed record InboundWebhookResponse(int StatusCode, string ContentType, string Body)
{
    /// <summary>200 with an empty body, what most providers expect.</summary>
    public static InboundWebhookResponse Empty { get; } = new(200, "text/plain; charset=utf-8", string.Empty);
}
