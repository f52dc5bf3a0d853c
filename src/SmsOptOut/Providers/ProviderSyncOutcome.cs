namespace SmsOptOut.Providers;

/// <summary>The outcome of pushing a consent change to a provider.</summary>
public enum ProviderSyncOutcome
{
    /// <summary>The provider recorded the change (or already had it).</summary>
    Done = 1,

    /// <summary>A passing failure (timeout, 5xx, 429): try again later.</summary>
    Retry = 2,

    /// <summary>The provider refused the change for good (bad credentials, invalid number): dead-letter it.</summary>
    Rejected = 3,
}
