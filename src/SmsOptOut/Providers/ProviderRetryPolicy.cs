namespace SmsOptOut.Providers;

/// <summary>How a provider's requests are timed and retried.</summary>
/// <param name="ProviderName">The provider's name, recorded with results (<c>twilio</c>).</param>
/// <param name="DisplayName">The provider's name in messages (<c>Twilio</c>).</param>
/// <param name="RequestTimeout">How long one request may take before its outcome is unknown.</param>
/// <param name="MaxAttempts">Attempts per message, counting the first, for answers that prove nothing was created.</param>
/// <param name="MaxRetryDelay">The longest wait between attempts; a <c>Retry-After</c> beyond it fails the message instead.</param>
public sealed record ProviderRetryPolicy(string ProviderName, string DisplayName, TimeSpan RequestTimeout, int MaxAttempts, TimeSpan MaxRetryDelay)
{
    /// <summary>Where each retry is logged (event 1306); nowhere when <see langword="null"/>. <c>ProviderTransport</c> sets it.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <summary>What is wrong with these settings, one message each naming <paramref name="optionsName"/>, for a provider's options validator.</summary>
    /// <param name="optionsName">The options type, for example <c>TelnyxOptions</c>.</param>
    /// <returns>The failures; none when the settings are usable.</returns>
    public IEnumerable<string> Validate(string optionsName)
    {
        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return $"{optionsName}.RequestTimeout {RequestTimeout} must be positive.";
        }

        if (MaxAttempts is < 1 or > 10)
        {
            yield return $"{optionsName}.MaxAttempts {MaxAttempts} must be 1 to 10.";
        }

        if (MaxRetryDelay < TimeSpan.Zero)
        {
            yield return $"{optionsName}.MaxRetryDelay {MaxRetryDelay} must not be negative.";
        }
    }
}
