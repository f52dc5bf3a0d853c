using SmsOptOut.Sending;

namespace SmsOptOut.Providers;

/// <summary>How a provider's answer to a send reads: a final result, or a wait before the next attempt when it proves nothing was created.</summary>
public readonly record struct ProviderResponse
{
    private ProviderResponse(SmsSendResult? result, TimeSpan? retryAfter)
    {
        Result = result;
        RetryAfter = retryAfter;
    }

    /// <summary>The final result, or <see langword="null"/> to retry after <see cref="RetryAfter"/> (or, without one, to read the answer as unknown).</summary>
    public SmsSendResult? Result { get; }

    /// <summary>How long to wait before the next attempt, when nothing was created.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>A final answer.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The answer.</returns>
    public static ProviderResponse Final(SmsSendResult result) => new(result ?? throw new ArgumentNullException(nameof(result)), null);

    /// <summary>Nothing was created: try again after <paramref name="wait"/>.</summary>
    /// <param name="wait">The wait.</param>
    /// <returns>The answer.</returns>
    public static ProviderResponse Retry(TimeSpan wait) => new(null, wait);

    /// <summary>An answer that says nothing about the message (a 5xx after the request arrived): reported as unknown, never retried.</summary>
    public static ProviderResponse Unknown => default;
}
