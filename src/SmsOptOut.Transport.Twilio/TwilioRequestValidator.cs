using System.Security.Cryptography;
using System.Text;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Twilio;

/// <summary>
/// Twilio's webhook signature (<c>X-Twilio-Signature</c>): base64 HMAC-SHA1, keyed with the auth token, of the full
/// request URL followed by every POST parameter sorted by name, as name and value with no separators. Matches Twilio's
/// own helpers (twilio-csharp <c>RequestValidator</c>, twilio-node <c>validateRequest</c>,
/// https://www.twilio.com/docs/usage/webhooks/webhooks-security): a URL signed with or without its default port
/// (<c>:443</c> / <c>:80</c>) is accepted, so a proxy that adds or strips it changes nothing; a repeated parameter
/// contributes each distinct value, sorted; a JSON webhook is signed over its URL alone, which carries the body's
/// SHA-256 in <c>bodySHA256</c>.
/// </summary>
public static class TwilioRequestValidator
{
    /// <summary>The header Twilio signs its requests with.</summary>
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>Computes the signature Twilio sends for a request to exactly <paramref name="url"/>.</summary>
    /// <param name="url">The full URL Twilio requested, exactly as configured (scheme, host, port, path and query).</param>
    /// <param name="form">The POST parameters (none for a GET or a JSON webhook).</param>
    /// <param name="authToken">The account's auth token.</param>
    /// <returns>The base64 signature.</returns>
    public static string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        var data = new StringBuilder(url);
        foreach (var group in form.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(p => p.Value ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(group.Key).Append(value);
            }
        }

#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio signs with; HMAC keeps SHA-1's collision weakness out of reach
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is Twilio's signature of a form (or GET) request, over the URL with or without its
    /// default port (compared in constant time).
    /// </summary>
    /// <param name="url">The full URL Twilio requested.</param>
    /// <param name="form">The POST parameters.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header; missing or empty is invalid.</param>
    /// <param name="authToken">The account's auth token.</param>
    /// <returns><see langword="true"/> when the request comes from Twilio.</returns>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature, string authToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var fields = form.ToList();
        var presented = Encoding.ASCII.GetBytes(signature);
        var matched = false;
        foreach (var variant in WebhookUrls.WithAndWithoutDefaultPort(url))
        {
            // Every variant is computed and compared, so the time taken says nothing about which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ComputeSignature(variant, fields, authToken)), presented);
        }

        return matched;
    }

    /// <summary>
    /// Whether a JSON webhook is Twilio's: the signature is over the URL alone, and the URL's <c>bodySHA256</c> parameter is
    /// the lower-case hex SHA-256 of the raw body.
    /// </summary>
    /// <param name="url">The full URL Twilio requested, with its <c>bodySHA256</c> parameter.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header.</param>
    /// <param name="authToken">The account's auth token.</param>
    /// <returns><see langword="true"/> when the request comes from Twilio and its body is the one signed.</returns>
    public static bool IsValidJson(string url, ReadOnlySpan<byte> body, string? signature, string authToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var expected = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["bodySHA256"];
        var actual = Convert.ToHexStringLower(SHA256.HashData(body));
        return expected is not null
            & CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected ?? string.Empty), Encoding.ASCII.GetBytes(actual))
            & IsValid(url, [], signature, authToken);
    }
}
