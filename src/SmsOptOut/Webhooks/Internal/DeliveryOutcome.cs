namespace SmsOptOut.Webhooks.Internal;

/// <summary>What one POST to a callback URL came to.</summary>
internal readonly record struct DeliveryOutcome(DeliveryOutcomeKind Kind, int? StatusCode, string? Error, TimeSpan? RetryAfter)
{
    public static DeliveryOutcome Delivered(int status) => new(DeliveryOutcomeKind.Delivered, status, null, null);

    public static DeliveryOutcome Retry(int? status, string error, TimeSpan? retryAfter = null) => new(DeliveryOutcomeKind.Retry, status, error, retryAfter);

    public static DeliveryOutcome Gone() => new(DeliveryOutcomeKind.Gone, 410, "the endpoint answered 410 Gone and is disabled", null);

    public static DeliveryOutcome Refused(string error) => new(DeliveryOutcomeKind.Refused, null, error, null);
}

internal enum DeliveryOutcomeKind
{
    Delivered,
    Retry,
    Gone,
    Refused,
}
