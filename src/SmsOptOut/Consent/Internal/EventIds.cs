namespace SmsOptOut.Consent.Internal;

/// <summary>Creates and checks consent event ids.</summary>
internal static class EventIds
{
    public const int MaxLength = 200;

    /// <summary>A new time-ordered id: <c>evt_</c> and a version 7 UUID in hex.</summary>
    public static string New(DateTimeOffset now) => "evt_" + Guid.CreateVersion7(now).ToString("N");

    public static string FromIdempotencyKey(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxLength || key.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The idempotency key must be 1 to {MaxLength} printable characters; got {(key is null ? "null" : key.Length + " characters")}.",
                nameof(key));
        }

        return key;
    }
}
