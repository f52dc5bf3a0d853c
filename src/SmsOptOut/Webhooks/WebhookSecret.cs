using System.Security.Cryptography;

namespace SmsOptOut.Webhooks;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> followed by base64 of 24 to 64 random bytes.</summary>
public static class WebhookSecret
{
    /// <summary>The prefix of every secret.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Creates a new secret of 32 random bytes.</summary>
    /// <returns>The secret, for example <c>whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw</c>.</returns>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Reads the key bytes of a secret.</summary>
    /// <param name="secret">The secret, with or without the <c>whsec_</c> prefix.</param>
    /// <param name="key">The key bytes.</param>
    /// <returns>Whether the secret is base64 of 24 to 64 bytes.</returns>
    public static bool TryGetKey(string? secret, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(secret))
        {
            return false;
        }

        var text = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var length) || length is < 24 or > 64)
        {
            return false;
        }

        key = buffer[..length];
        return true;
    }
}
