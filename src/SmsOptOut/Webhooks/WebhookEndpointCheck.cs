namespace SmsOptOut.Webhooks;

/// <summary>Whether a callback URL may receive webhooks.</summary>
/// <param name="IsAllowed">Whether it may.</param>
/// <param name="Reason">Why not, naming the URL and the rule; <see langword="null"/> when allowed.</param>
public sealed record WebhookEndpointCheck(bool IsAllowed, string? Reason)
{
    /// <summary>An allowed URL.</summary>
    public static WebhookEndpointCheck Allowed { get; } = new(true, null);

    /// <summary>A refused URL.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The check.</returns>
    public static WebhookEndpointCheck Refused(string reason) => new(false, reason);
}
