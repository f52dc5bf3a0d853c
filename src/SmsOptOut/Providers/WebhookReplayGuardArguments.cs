namespace SmsOptOut.Providers;

/// <summary>
/// The argument checks of <see cref="IWebhookReplayGuard"/>, the same in every storage adapter, so each store refuses bad input
/// with the same clear error before touching any state. For storage adapter authors.
/// </summary>
public static class WebhookReplayGuardArguments
{
    /// <summary>The longest one-time value key <see cref="Providers.IWebhookReplayGuard"/> accepts.</summary>
    public const int MaxReplayKeyLength = 512;

    /// <summary>Checks a one-time value before a replay guard records it.</summary>
    /// <param name="key">The provider and its one-time value.</param>
    /// <exception cref="ArgumentException">The key is empty, longer than <see cref="MaxReplayKeyLength"/>, or holds a control character or a lone surrogate (no header carries them, and not every store can keep them).</exception>
    public static void ValidateReplayKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > MaxReplayKeyLength)
        {
            throw new ArgumentException($"The one-time value key is {key.Length} characters long; expected at most {MaxReplayKeyLength}.", nameof(key));
        }

        for (var i = 0; i < key.Length; i++)
        {
            var lone = char.IsHighSurrogate(key[i]) ? i + 1 == key.Length || !char.IsLowSurrogate(key[i + 1])
                : char.IsLowSurrogate(key[i]) && (i == 0 || !char.IsHighSurrogate(key[i - 1]));
            if (char.IsControl(key[i]) || lone)
            {
                throw new ArgumentException($"The one-time value key holds the character U+{(int)key[i]:X4} at {i}; expected printable text.", nameof(key));
            }
        }
    }
}
