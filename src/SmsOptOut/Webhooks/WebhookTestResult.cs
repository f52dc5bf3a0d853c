namespace SmsOptOut.Webhooks;

/// <summary>What the receiver said to a signed test event ("check my endpoint").</summary>
/// <param name="Success">Whether it answered 2xx.</param>
/// <param name="StatusCode">The HTTP status, or <see langword="null"/> when no response arrived.</param>
/// <param name="Latency">How long the request took.</param>
/// <param name="Error">What went wrong, in words a user can act on.</param>
public sealed record WebhookTestResult(bool Success, int? StatusCode, TimeSpan Latency, string? Error);
