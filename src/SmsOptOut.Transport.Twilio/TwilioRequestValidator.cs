using System.Security.Cryptography;
using System.Text;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Twilio;

/// <summary>
/// Twilio's webhook signature (<c>X-Twilio-Signature</c>): the base64 HMAC of the full request URL followed by every POST
/// parameter sorted by name, as name and value with no separators. By default the HMAC is SHA-1 keyed with the auth token;
/// when a Webhook Rule applies a Setting with a SharedKey, Twilio keys it with the SharedKey's secret and the Setting's
/// algorithm (HMAC-SHA1 or HMAC-SHA256) and says so in <see cref="SignatureSettingsHeader"/>; only the hash changes
/// (https://www.twilio.com/docs/usage/webhooks/webhook-shared-keys, twilio-node 6.3.1 <c>validateRequest</c> and
/// <c>examples/WebhookSignatureValidation.md</c>). Matches Twilio's own helpers (twilio-csharp <c>RequestValidator</c>,
/// twilio-node, https://www.twilio.com/docs/usage/webhooks/webhooks-security): a URL signed with or without its default
/// port (<c>:443</c> / <c>:80</c>) is accepted, so a proxy that adds or strips it changes nothing; a repeated parameter
/// contributes each distinct value, sorted; a JSON webhook is signed over its URL alone, which carries the body's SHA-256
/// in <c>bodySHA256</c>. Signatures are compared in constant time.
/// </summary>
public static class TwilioRequestValidator
{
    /// <summary>The header Twilio signs its requests with.</summary>
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>
    /// The header Twilio adds when a Webhook Rule's Setting signs the request with a SharedKey:
    /// <c>key=&lt;SharedKey id&gt;,algorithm=HMAC_SHA256</c> (or <c>HMAC_SHA1</c>). Absent, the auth token and HMAC-SHA1 signed it.
    /// </summary>
    public const string SignatureSettingsHeader = "X-Twilio-Webhooks-Signature-Settings";

    /// <summary>Computes the signature Twilio sends, keyed with the auth token (HMAC-SHA1), for a request to exactly <paramref name="url"/>.</summary>
    /// <param name="url">The full URL Twilio requested, exactly as configured (scheme, host, port, path and query).</param>
    /// <param name="form">The POST parameters (none for a GET or a JSON webhook).</param>
    /// <param name="authToken">The account's auth token.</param>
    /// <returns>The base64 signature.</returns>
    public static string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken) =>
        ComputeSignature(url, form, authToken, HashAlgorithmName.SHA1);

    /// <summary>Computes the signature Twilio sends for a request to exactly <paramref name="url"/>, with a key and algorithm of a SharedKey's.</summary>
    /// <param name="url">The full URL Twilio requested, exactly as configured (scheme, host, port, path and query).</param>
    /// <param name="form">The POST parameters (none for a GET or a JSON webhook).</param>
    /// <param name="key">The auth token, or a SharedKey's secret.</param>
    /// <param name="algorithm"><see cref="HashAlgorithmName.SHA1"/> (the auth token's, and <c>HMAC_SHA1</c>) or <see cref="HashAlgorithmName.SHA256"/> (<c>HMAC_SHA256</c>).</param>
    /// <returns>The base64 signature.</returns>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is neither SHA-1 nor SHA-256, or <paramref name="key"/> is empty.</exception>
    public static string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string>> form, string key, HashAlgorithmName algorithm)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var data = new StringBuilder(url);
        foreach (var group in form.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(p => p.Value ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(group.Key).Append(value);
            }
        }

        var keyBytes = Encoding.UTF8.GetBytes(key);
        var dataBytes = Encoding.UTF8.GetBytes(data.ToString());
#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio signs with by default; HMAC keeps SHA-1's collision weakness out of reach
        return Convert.ToBase64String(algorithm == HashAlgorithmName.SHA1 ? HMACSHA1.HashData(keyBytes, dataBytes)
            : algorithm == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(keyBytes, dataBytes)
            : throw new ArgumentException($"Twilio signs with HMAC-SHA1 or HMAC-SHA256, not '{algorithm.Name}'.", nameof(algorithm)));
#pragma warning restore CA5350
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is Twilio's auth-token signature (HMAC-SHA1) of a form (or GET) request, over the
    /// URL with or without its default port (compared in constant time).
    /// </summary>
    /// <param name="url">The full URL Twilio requested.</param>
    /// <param name="form">The POST parameters.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header; missing or empty is invalid.</param>
    /// <param name="authToken">The account's auth token.</param>
    /// <returns><see langword="true"/> when the request comes from Twilio.</returns>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature, string authToken) =>
        IsValid(url, form, signature, authToken, HashAlgorithmName.SHA1);

    /// <summary>
    /// Whether <paramref name="signature"/> is Twilio's signature of a form (or GET) request with <paramref name="key"/> and
    /// <paramref name="algorithm"/>, over the URL with or without its default port (compared in constant time).
    /// </summary>
    /// <param name="url">The full URL Twilio requested.</param>
    /// <param name="form">The POST parameters.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header; missing or empty is invalid.</param>
    /// <param name="key">The auth token, or the secret of the SharedKey <see cref="SignatureSettingsHeader"/> names.</param>
    /// <param name="algorithm">SHA-1 or SHA-256, as <see cref="SignatureSettingsHeader"/> names it (SHA-1 without it).</param>
    /// <returns><see langword="true"/> when the request comes from Twilio.</returns>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is neither SHA-1 nor SHA-256.</exception>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature, string key, HashAlgorithmName algorithm)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        if (algorithm != HashAlgorithmName.SHA1 && algorithm != HashAlgorithmName.SHA256)
        {
            throw new ArgumentException($"Twilio signs with HMAC-SHA1 or HMAC-SHA256, not '{algorithm.Name}'.", nameof(algorithm));
        }

        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(key))
        {
            return false;
        }

        var fields = form.ToList();
        var presented = Encoding.UTF8.GetBytes(signature);
        var matched = false;
        foreach (var variant in WebhookUrls.WithAndWithoutDefaultPort(url))
        {
            // Every variant is computed and compared, so the time taken says nothing about which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ComputeSignature(variant, fields, key, algorithm)), presented);
        }

        return matched;
    }

    /// <summary>
    /// Whether a JSON webhook is Twilio's, signed with the auth token: the signature is over the URL alone, and the URL's
    /// <c>bodySHA256</c> parameter is the lower-case hex SHA-256 of the raw body.
    /// </summary>
    /// <param name="url">The full URL Twilio requested, with its <c>bodySHA256</c> parameter.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header.</param>
    /// <param name="authToken">The account's auth token.</param>
    /// <returns><see langword="true"/> when the request comes from Twilio and its body is the one signed.</returns>
    public static bool IsValidJson(string url, ReadOnlySpan<byte> body, string? signature, string authToken) =>
        IsValidJson(url, body, signature, authToken, HashAlgorithmName.SHA1);

    /// <summary>
    /// Whether a JSON webhook is Twilio's, signed with <paramref name="key"/> and <paramref name="algorithm"/>: the signature is
    /// over the URL alone, and the URL's <c>bodySHA256</c> parameter is the lower-case hex SHA-256 of the raw body.
    /// </summary>
    /// <param name="url">The full URL Twilio requested, with its <c>bodySHA256</c> parameter.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header.</param>
    /// <param name="key">The auth token, or the secret of the SharedKey <see cref="SignatureSettingsHeader"/> names.</param>
    /// <param name="algorithm">SHA-1 or SHA-256, as <see cref="SignatureSettingsHeader"/> names it (SHA-1 without it).</param>
    /// <returns><see langword="true"/> when the request comes from Twilio and its body is the one signed.</returns>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is neither SHA-1 nor SHA-256.</exception>
    public static bool IsValidJson(string url, ReadOnlySpan<byte> body, string? signature, string key, HashAlgorithmName algorithm)
    {
        ArgumentNullException.ThrowIfNull(url);
        var expected = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["bodySHA256"];
        var actual = Convert.ToHexStringLower(SHA256.HashData(body));
        return expected is not null
            & CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected ?? string.Empty), Encoding.ASCII.GetBytes(actual))
            & IsValid(url, [], signature, key, algorithm);
    }
}
