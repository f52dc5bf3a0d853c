using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmsOptOut.Transport.SmsTo.Internal;

/// <summary>
/// SMS.to's signed webhooks, <c>X-SMSTo-Signature: t=&lt;unix seconds&gt;,s=&lt;hex&gt;</c>, as the official PHP client
/// verifies them (intergo/sms.to-php <c>src/Intergo/SmsTo/Module/Webhook/Signature.php</c>): <c>s</c> is the lower-case hex
/// HMAC-SHA256, keyed with the webhook secret, of the raw body, a dot and <c>t</c> as an integer — body first, then the
/// timestamp. Items are found by name in any order, the first <c>t</c> and the first <c>s</c> count, unknown items are
/// ignored, and the comparison is constant-time, as in the client. Where the client is stricter than the scheme needs we
/// accept what changes nothing that is signed: spaces around items and names (the client fails on <c>t=…, s=…</c>) and
/// upper-case hex (the client compares the hex text; we compare the 32 bytes it encodes). Where it is looser we are
/// strict: <c>t</c> must be decimal digits (PHP's <c>is_numeric</c> also takes <c>1e9</c> or <c>-5</c>), and unlike the
/// client, which checks no time at all, <c>t</c> must lie within the tolerance.
/// </summary>
internal static class SmsToSignature
{
    public const string Header = "X-SMSTo-Signature";

    /// <summary>How far ahead of our clock a timestamp may be (SMS.to's clock and ours differ a little).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const int HexLength = 64;

    /// <summary>The signature SMS.to sends for <paramref name="body"/> at <paramref name="timestamp"/>, as lower-case hex.</summary>
    public static string Compute(ReadOnlySpan<byte> body, long timestamp, string secret) => Convert.ToHexStringLower(Hash(body, timestamp, secret));

    /// <summary>
    /// Checks the header against the body with every secret (all are computed, so the time taken says nothing about which
    /// matched); <see langword="null"/> when genuine and fresh, otherwise why not, in words that name nothing secret.
    /// </summary>
    public static string? Check(string? header, ReadOnlySpan<byte> body, IEnumerable<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (Parse(header) is not { } parsed)
        {
            return $"Missing or malformed {Header}: expected t=<unix seconds>,s=<64 hexadecimal characters>.";
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            matched |= CryptographicOperations.FixedTimeEquals(Hash(body, parsed.Timestamp, secret), parsed.Signature);
        }

        if (!matched)
        {
            return $"Invalid {Header}: it is not the HMAC-SHA256 of this body and t with the configured webhook secret.";
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(parsed.Timestamp);
        return signedAt < now - tolerance
            ? $"{Header} was signed at {signedAt:O}, more than {tolerance.TotalHours:0.##} hours ago (SmsToOptions.WebhookSignatureTolerance)."
            : signedAt > now + ClockSkew ? $"{Header} was signed at {signedAt:O}, in the future." : null;
    }

    /// <summary>The header's timestamp and signature bytes, or <see langword="null"/> when it lacks either or they are malformed.</summary>
    public static (long Timestamp, byte[] Signature)? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        string? t = null;
        string? s = null;
        foreach (var item in header.Split(','))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            switch (item[..equals].Trim())
            {
                case "t":
                    t ??= item[(equals + 1)..].Trim();
                    break;
                case "s":
                    s ??= item[(equals + 1)..].Trim();
                    break;
            }
        }

        if (t is not { Length: > 0 and <= 18 } || t.AsSpan().ContainsAnyExceptInRange('0', '9')
            || s is not { Length: HexLength } || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || timestamp > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        try
        {
            return (timestamp, Convert.FromHexString(s));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Hash(ReadOnlySpan<byte> body, long timestamp, string secret)
    {
        // The client casts t to an integer before signing: t=01714564800 signs "….1714564800".
        var suffix = Encoding.ASCII.GetBytes("." + timestamp.ToString(CultureInfo.InvariantCulture));
        var signed = new byte[body.Length + suffix.Length];
        body.CopyTo(signed);
        suffix.CopyTo(signed, body.Length);
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
