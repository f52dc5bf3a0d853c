using System.Security.Cryptography;
using System.Text;
using System.Web;
using SmsOptOut.Providers;

namespace SmsOptOut.Transport.Plivo.Internal;

/// <summary>
/// Plivo's V3 webhook signature (https://www.plivo.com/docs/messaging/concepts/signature-validation, and the official
/// plivo-python <c>plivo/utils/signature_v3.py</c>): <c>X-Plivo-Signature-V3</c> holds one or more comma-separated base64
/// HMAC-SHA256 digests, keyed with the auth token, of <c>{base}.{X-Plivo-Signature-V3-Nonce}</c>. For a GET the base is
/// <c>scheme://host[:port]/path</c> and, when there is a query, <c>?</c> and its fields sorted as <c>k=v&amp;k=v</c>. For a
/// POST it is the same URL followed by <c>?</c> and the sorted query (when either the query or the body has fields), a
/// <c>.</c> when both have, and the body's fields sorted as <c>kvkv</c>. Repeated fields contribute each value, sorted.
/// </summary>
internal static class PlivoSignature
{
    public const string SignatureHeader = "X-Plivo-Signature-V3";
    public const string NonceHeader = "X-Plivo-Signature-V3-Nonce";

    /// <summary>The base64 signature of a request.</summary>
    public static string Compute(string method, string url, IEnumerable<KeyValuePair<string, string>> form, string nonce, string authToken)
    {
        var signed = Encoding.UTF8.GetBytes(BaseString(method, url, form) + "." + nonce);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(authToken), signed));
    }

    /// <summary>Whether any of the comma-separated <paramref name="signatures"/> is the request's, over its URL with or without the default port.</summary>
    public static bool IsValid(string method, string url, IReadOnlyList<KeyValuePair<string, string>> form, string nonce, string? signatures, string authToken)
    {
        if (string.IsNullOrEmpty(signatures) || string.IsNullOrEmpty(nonce))
        {
            return false;
        }

        var presented = signatures.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Encoding.ASCII.GetBytes).ToArray();
        var valid = false;
        foreach (var variant in WebhookUrls.WithAndWithoutDefaultPort(url))
        {
            var expected = Encoding.ASCII.GetBytes(Compute(method, variant, form, nonce, authToken));
            foreach (var signature in presented)
            {
                valid |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return valid;
    }

    private static string BaseString(string method, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        var fragmentStart = url.IndexOf('#', StringComparison.Ordinal);
        var end = fragmentStart < 0 ? url.Length : fragmentStart;
        var withoutQuery = queryStart < 0 || queryStart > end ? url[..end] : url[..queryStart];
        var queryText = queryStart < 0 || queryStart > end ? string.Empty : url[(queryStart + 1)..end];
        var query = Sorted(Decode(queryText)).Select(p => p.Key + "=" + p.Value);
        var sortedQuery = string.Join("&", query);
        if (string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return sortedQuery.Length > 0 ? withoutQuery + "?" + sortedQuery : withoutQuery;
        }

        var body = string.Concat(Sorted(form).Select(p => p.Key + p.Value));
        var hasBody = form.Any();
        var builder = new StringBuilder(withoutQuery);
        if (sortedQuery.Length > 0 || hasBody)
        {
            builder.Append('?').Append(sortedQuery);
        }

        if (sortedQuery.Length > 0 && hasBody)
        {
            builder.Append('.');
        }

        return builder.Append(body).ToString();
    }

    /// <summary>Fields sorted by name, and a repeated name's values sorted, both ordinally.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Sorted(IEnumerable<KeyValuePair<string, string>> fields) =>
        fields.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);

    private static List<KeyValuePair<string, string>> Decode(string query)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = HttpUtility.UrlDecode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : HttpUtility.UrlDecode(part[(equals + 1)..]);
            fields.Add(new(key, value));
        }

        return fields;
    }
}
