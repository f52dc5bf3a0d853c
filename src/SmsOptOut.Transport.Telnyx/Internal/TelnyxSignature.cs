using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace SmsOptOut.Transport.Telnyx.Internal;

/// <summary>
/// Telnyx's webhook signature (https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks, and the
/// official library team-telnyx/telnyx-node, <c>src/lib/webhooks.ts</c>): <c>telnyx-signature-ed25519</c> is the base64
/// Ed25519 signature of <c>{telnyx-timestamp}|{raw body}</c>, made with the account's private key; the timestamp is Unix
/// seconds and must lie within the tolerance of now.
/// </summary>
internal static class TelnyxSignature
{
    public const string SignatureHeader = "telnyx-signature-ed25519";
    public const string TimestampHeader = "telnyx-timestamp";

    /// <summary>The DER prefix of an Ed25519 SubjectPublicKeyInfo, before the 32 key bytes.</summary>
    private static readonly byte[] SpkiPrefix = Convert.FromHexString("302a300506032b6570032100");

    /// <summary>Why the request is not Telnyx's, or <see langword="null"/> when its signature and timestamp hold.</summary>
    public static string? Check(string publicKey, string? signature, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return $"Missing {SignatureHeader} or {TimestampHeader}.";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 100_000_000_000)
        {
            return $"{TimestampHeader} must be Unix seconds.";
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return $"{TimestampHeader} is outside the tolerance of {tolerance.TotalSeconds:0} s.";
        }

        var signatureBytes = new byte[64];
        if (!Convert.TryFromBase64String(signature, signatureBytes, out var length) || length != 64 || !TryImportKey(publicKey, out var key))
        {
            return $"Invalid {SignatureHeader}.";
        }

        var prefix = Encoding.ASCII.GetBytes(timestamp + "|");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return SignatureAlgorithm.Ed25519.Verify(key, signed, signatureBytes) ? null : $"Invalid {SignatureHeader}.";
    }

    /// <summary>Reads a base64 Ed25519 public key, raw (32 bytes, as Telnyx's portal shows it) or wrapped in SubjectPublicKeyInfo (44 bytes).</summary>
    public static bool TryImportKey(string text, [NotNullWhen(true)] out PublicKey? key)
    {
        key = null;
        var bytes = new byte[64];
        if (!Convert.TryFromBase64String(text.Trim(), bytes, out var length))
        {
            return false;
        }

        var raw = length switch
        {
            32 => bytes.AsSpan(0, 32),
            44 when bytes.AsSpan(0, SpkiPrefix.Length).SequenceEqual(SpkiPrefix) => bytes.AsSpan(SpkiPrefix.Length, 32),
            _ => Span<byte>.Empty,
        };
        return !raw.IsEmpty && PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out key);
    }
}
