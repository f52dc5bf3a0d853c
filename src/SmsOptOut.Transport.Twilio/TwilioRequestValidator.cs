using System.Security.Cryptography;
using System.Text;

namespace SmsOptOut.Transport.Twilio;

/// <summary>
/// Twilio's webhook signature (<c>X-Twilio-Signature</c>): base64 HMAC-SHA1, keyed with the auth token, of the full
/// request URL followed by every POST parameter, sorted by name, as name and value with no separators.
/// </summary>
public static class TwilioRequestValidator
{
    /// <summary>The header Twilio signs its requests with.</summary>
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>Computes the signature Twilio sends for a request.</summary>
    /// <param name="url">The full URL Twilio requested, exactly as configured (scheme, host, port, path and query).</param>
    /// <param name="form">The POST parameters.</param>
    /// <param name="authToken">The account's auth token.</param>
    /// <returns>The base64 signature.</returns>
    public static string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio signs with; HMAC keeps SHA-1's collision weakness out of reach
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>Whether <paramref name="signature"/> is Twilio's signature of the request (compared in constant time).</summary>
    /// <param name="url">The full URL Twilio requested.</param>
    /// <param name="form">The POST parameters.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header; missing or empty is invalid.</param>
    /// <param name="authToken">The account's auth token.</param>
    /// <returns><see langword="true"/> when the request comes from Twilio.</returns>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature, string authToken)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(ComputeSignature(url, form, authToken));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
