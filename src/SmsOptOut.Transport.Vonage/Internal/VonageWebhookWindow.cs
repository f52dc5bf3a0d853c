namespace SmsOptOut.Transport.Vonage.Internal;

/// <summary>
/// When a signed Vonage webhook is still accepted. Vonage retries an undelivered webhook for 24 hours (inbound messages,
/// Messages API) or 72 hours (SMS API delivery receipts, per one support article), and nothing says a retry is signed
/// anew: the SMS API's <c>timestamp</c> is "the unix timestamp representation of message-timestamp", the time Vonage
/// started to push the message. So a signature may be as old as <see cref="VonageOptions.SignatureTolerance"/> (default
/// 72 hours and 5 minutes), and lie at most <see cref="FutureSkew"/> ahead of the host's clock.
/// </summary>
internal static class VonageWebhookWindow
{
    /// <summary>How far ahead of the host's clock a signing time may be: the clocks' disagreement, not a retry.</summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>The default tolerance: the longest documented retry window (72 hours, delivery receipts) and 5 minutes of clock skew.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromHours(72) + FutureSkew;

    /// <summary><see langword="null"/> when <paramref name="signedAt"/> is inside the window; otherwise why not, in words that start after the field's name.</summary>
    public static string? Contains(DateTimeOffset signedAt, DateTimeOffset now, TimeSpan tolerance) =>
        signedAt < now - tolerance ? $"is older than VonageOptions.SignatureTolerance ({Describe(tolerance)}): Vonage retries for 24 hours (72 hours for receipts), not longer."
        : signedAt > now + FutureSkew ? $"is more than {Describe(FutureSkew)} ahead of this host's clock."
        : null;

    /// <summary>Until when a webhook signed at <paramref name="signedAt"/> must be remembered as used: after that its signing time is refused anyway.</summary>
    public static DateTimeOffset RememberUntil(DateTimeOffset signedAt, TimeSpan tolerance) => signedAt + tolerance + TimeSpan.FromSeconds(1);

    private static string Describe(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours} h{(span.Minutes > 0 ? $" {span.Minutes} min" : string.Empty)}"
        : $"{span.TotalMinutes:0} min";
}
