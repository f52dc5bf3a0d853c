namespace SmsOptOut.Providers;

/// <summary>What a provider said to a pushed consent change.</summary>
/// <param name="Outcome">Done, to be retried, or refused for good.</param>
/// <param name="Error">What went wrong, when it did.</param>
public sealed record ProviderSyncResult(ProviderSyncOutcome Outcome, string? Error = null)
{
    /// <summary>The provider recorded the change.</summary>
    public static ProviderSyncResult Done { get; } = new(ProviderSyncOutcome.Done);

    /// <summary>How long the provider asked to wait before the next attempt (429 / 503 <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
