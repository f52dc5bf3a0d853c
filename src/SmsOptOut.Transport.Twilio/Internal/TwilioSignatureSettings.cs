using System.Security.Cryptography;

namespace SmsOptOut.Transport.Twilio.Internal;

/// <summary>
/// What <c>X-Twilio-Webhooks-Signature-Settings</c> says: <c>key=&lt;SharedKey id&gt;,algorithm=HMAC_SHA256</c>. Read as
/// twilio-node 6.3.1 <c>getSignatureAlgorithm</c> reads it: items split on <c>,</c>, each on its first <c>=</c>, names and
/// values trimmed, the first of each name counts; <c>algorithm</c> missing or empty is <c>HMAC_SHA1</c>; <c>HMAC_SHA1</c> and
/// <c>HMAC_SHA256</c> in any case are supported and anything else fails closed. Unlike the SDK, which signs with the one
/// <c>sharedKeySecret</c> it was given whatever the header names, the <c>key</c> is required: it chooses the secret, so
/// keys can be rotated.
/// </summary>
internal readonly record struct TwilioSignatureSettings(string? KeyId, HashAlgorithmName Algorithm, string? Problem)
{
    private const int MaxShown = 64;

    public static TwilioSignatureSettings Parse(string header)
    {
        string? key = null;
        string? algorithm = null;
        foreach (var item in header.Split(','))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var name = item[..equals].Trim();
            var value = item[(equals + 1)..].Trim();
            if (name.Equals("key", StringComparison.OrdinalIgnoreCase))
            {
                key ??= value;
            }
            else if (name.Equals("algorithm", StringComparison.OrdinalIgnoreCase))
            {
                algorithm ??= value;
            }
        }

        HashAlgorithmName? hash = string.IsNullOrEmpty(algorithm) || algorithm.Equals("HMAC_SHA1", StringComparison.OrdinalIgnoreCase) ? HashAlgorithmName.SHA1
            : algorithm.Equals("HMAC_SHA256", StringComparison.OrdinalIgnoreCase) ? HashAlgorithmName.SHA256
            : null;
        if (hash is not { } supported)
        {
            return new(key, default, $"{TwilioRequestValidator.SignatureSettingsHeader} names the algorithm '{Shown(algorithm!)}'; Twilio signs with HMAC_SHA1 or HMAC_SHA256 only.");
        }

        return string.IsNullOrEmpty(key)
            ? new(null, supported, $"{TwilioRequestValidator.SignatureSettingsHeader} names no SharedKey (key=…), so no secret can verify the request.")
            : new(key, supported, null);
    }

    /// <summary>Header text safe to show in a refusal and a log line: letters, digits, <c>_</c> and <c>-</c>, at most 64 characters.</summary>
    public static string Shown(string text)
    {
        var safe = new string([.. text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').Take(MaxShown)]);
        return safe.Length == text.Length ? safe : safe + "…";
    }
}
