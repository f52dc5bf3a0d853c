using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmsOptOut.Webhooks;

/// <summary>
/// Standard Webhooks v1 signatures: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>,
/// one per secret, space-separated. Receivers in .NET verify with <see cref="Verify(string?, string?, string?, ReadOnlySpan{byte}, IEnumerable{string}, DateTimeOffset, TimeSpan?)"/>.
/// </summary>
public static class StandardWebhookSignature
{
    /// <summary>The header with the message id, the same on every attempt.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header with the attempt's Unix time in seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header with the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>How far a timestamp may be from the receiver's clock: 5 minutes, as the spec recommends.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <summary>Signs a message with every secret.</summary>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> (Unix seconds).</param>
    /// <param name="body">The exact request body.</param>
    /// <param name="secrets">One or more <c>whsec_…</c> secrets.</param>
    /// <returns>The <c>webhook-signature</c> header value, for example <c>v1,K5oZ… v1,Xq2b…</c>.</returns>
    /// <exception cref="ArgumentException">A secret is not <c>whsec_</c> + base64 of 24 to 64 bytes, or there is none.</exception>
    public static string Sign(string messageId, long timestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentNullException.ThrowIfNull(secrets);
        var signatures = new List<string>();
        foreach (var secret in secrets)
        {
            if (!WebhookSecret.TryGetKey(secret, out var key))
            {
                throw new ArgumentException("Every webhook secret must be 'whsec_' followed by base64 of 24 to 64 random bytes.", nameof(secrets));
            }

            signatures.Add("v1," + Convert.ToBase64String(Compute(key, messageId, timestamp.ToString(CultureInfo.InvariantCulture), body)));
        }

        return signatures.Count > 0 ? string.Join(' ', signatures) : throw new ArgumentException("At least one webhook secret is needed.", nameof(secrets));
    }

    /// <summary>Verifies a received webhook, for receivers written in .NET.</summary>
    /// <param name="messageId">The <c>webhook-id</c> header.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="signatureHeader">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The raw request body, byte for byte.</param>
    /// <param name="secrets">The secrets the receiver accepts (two during a rotation).</param>
    /// <param name="now">The receiver's current time.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="now"/>; <see cref="DefaultTolerance"/> when <see langword="null"/>.</param>
    /// <returns><see cref="WebhookVerificationResult.Valid"/>, or why not.</returns>
    public static WebhookVerificationResult Verify(string? messageId, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body,
        IEnumerable<string> secrets, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return WebhookVerificationResult.MissingHeader;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookVerificationResult.InvalidTimestamp;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > (tolerance ?? DefaultTolerance))
        {
            return WebhookVerificationResult.TimestampOutOfTolerance;
        }

        var offered = signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => TryDecode(s[3..]))
            .Where(s => s is not null)
            .ToArray();
        foreach (var secret in secrets)
        {
            if (!WebhookSecret.TryGetKey(secret, out var key))
            {
                continue;
            }

            var expected = Compute(key, messageId, timestamp, body);
            foreach (var candidate in offered)
            {
                if (CryptographicOperations.FixedTimeEquals(expected, candidate))
                {
                    return WebhookVerificationResult.Valid;
                }
            }
        }

        return WebhookVerificationResult.InvalidSignature;
    }

    /// <summary>Verifies a received webhook whose body is text (UTF-8 on the wire).</summary>
    /// <param name="messageId">The <c>webhook-id</c> header.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="signatureHeader">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The request body.</param>
    /// <param name="secrets">The secrets the receiver accepts.</param>
    /// <param name="now">The receiver's current time.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="now"/>.</param>
    /// <returns><see cref="WebhookVerificationResult.Valid"/>, or why not.</returns>
    public static WebhookVerificationResult Verify(string? messageId, string? timestamp, string? signatureHeader, string body,
        IEnumerable<string> secrets, DateTimeOffset now, TimeSpan? tolerance = null) =>
        Verify(messageId, timestamp, signatureHeader, Encoding.UTF8.GetBytes(body ?? string.Empty), secrets, now, tolerance);

    private static byte[] Compute(byte[] key, string messageId, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, data);
    }

    private static byte[]? TryDecode(string base64)
    {
        var buffer = new byte[32];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written == 32 ? buffer : null;
    }
}
