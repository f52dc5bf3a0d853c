namespace SmsOptOut.Links;

/// <summary>Options of opt-out links, at <c>SmsOptOutOptions.Links</c>.</summary>
public sealed class OptOutLinkOptions
{
    /// <summary>The shortest stored token that keeps guessing a valid one above 2^32 attempts with 100 million live tokens.</summary>
    public const int MinimumTokenLength = 10;

    /// <summary><see cref="OptOutLinkMode.Stored"/> (default) or <see cref="OptOutLinkMode.Stateless"/>.</summary>
    public OptOutLinkMode Mode { get; set; } = OptOutLinkMode.Stored;

    /// <summary>Characters of a stored token, 10 (the default) to 32.</summary>
    public int TokenLength { get; set; } = MinimumTokenLength;

    /// <summary>
    /// How long a link works after it is issued. The default, 90 days, is above the 60 days Canada's CASL requires an
    /// unsubscribe mechanism to stay valid after a message is sent.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often expired stored tokens are deleted by the background cleanup.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Keys for stateless tokens. Required in <see cref="OptOutLinkMode.Stateless"/> mode; old keys keep verifying.</summary>
    public IList<OptOutLinkKey> SigningKeys { get; } = [];

    /// <summary>The id of the key new stateless tokens are made with; defaults to the highest configured id.</summary>
    public int? ActiveKeyId { get; set; }

    /// <summary>
    /// Development only: when no signing key is configured, generate a random one at startup and log a warning. Links
    /// made with it stop working when the process restarts. Refused when the host environment is Production.
    /// </summary>
    public bool UseDevelopmentKey { get; set; }
}
