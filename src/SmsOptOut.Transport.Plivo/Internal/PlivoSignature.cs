using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace SmsOptOut.Transport.Plivo.Internal;

/// <summary>
/// Plivo's webhook signatures, as its official SDKs compute them (plivo-node <c>lib/utils/security.js</c> and
/// <c>lib/utils/v3Security.js</c>, plivo-python <c>plivo/utils/__init__.py</c> and <c>plivo/utils/signature_v3.py</c>,
/// plivo-dotnet <c>XPlivoSignatureV2.cs</c> and <c>XPlivoSignatureV3.cs</c>). Every one is base64 HMAC-SHA256 keyed
/// with an Auth Token:
/// <list type="bullet">
/// <item><b>V2</b> (<c>X-Plivo-Signature-V2</c>, <c>X-Plivo-Signature-Ma-V2</c>) over <c>{base}{X-Plivo-Signature-V2-Nonce}</c>,
/// the base being <c>scheme://host[:port]/path</c> without query and fragment; the body is not signed.</item>
/// <item><b>V3</b> (<c>X-Plivo-Signature-V3</c>, <c>X-Plivo-Signature-Ma-V3</c>, one or more comma-separated signatures)
/// over <c>{base}.{X-Plivo-Signature-V3-Nonce}</c>. For a GET the base is the URL without its query and, when there is a
/// query, <c>?</c> and its fields sorted as <c>k=v&amp;k=v</c>. For a POST it is the same URL followed by <c>?</c> and the
/// sorted query (when either the query or the body has fields), a <c>.</c> when both have, and the body's fields sorted as
/// <c>kvkv</c>. Repeated fields contribute each value, sorted.</item>
/// </list>
/// The URL is read each way the SDKs read it (<see cref="PlivoSignedUrls"/>, and plivo-dotnet's own V3 string).
/// </summary>
internal static class PlivoSignature
{
    /// <summary>The base64 V3 signature of a request over <paramref name="url"/> as written.</summary>
    public static string ComputeV3(string method, string url, IEnumerable<KeyValuePair<string, string>> form, string nonce, string authToken)
    {
        var (written, query) = PlivoSignedUrls.Split(url);
        return Sign(V3String(method, written, query, [.. form]) + "." + nonce, authToken);
    }

    /// <summary>The base64 V2 signature of a request to <paramref name="url"/> as written (its query and fragment left out).</summary>
    public static string ComputeV2(string url, string nonce, string authToken) => Sign(PlivoSignedUrls.Split(url).Base + nonce, authToken);

    /// <summary>
    /// Checks every signature header the request carries with its own key: <see cref="PlivoOptions.AuthToken"/> for
    /// <c>X-Plivo-Signature-V2</c> and <c>-V3</c>, <see cref="PlivoOptions.MainAccountAuthToken"/> (or the Auth Token when it
    /// is not set) for <c>-Ma-V2</c> and <c>-Ma-V3</c>.
    /// </summary>
    /// <param name="method">The request's method.</param>
    /// <param name="url">The absolute URL Plivo called, with its query.</param>
    /// <param name="form">A POST's form fields, decoded; empty for a GET.</param>
    /// <param name="header">Reads a header, or <see langword="null"/> when it is absent.</param>
    /// <param name="options">The account's credentials.</param>
    /// <returns>Which schemes the request carries and which of them verify.</returns>
    public static PlivoVerification Verify(string method, string url, IReadOnlyList<KeyValuePair<string, string>> form, Func<string, string?> header, PlivoOptions options)
    {
        var presented = new List<PlivoSignatureScheme>();
        var verified = new List<PlivoSignatureScheme>();
        foreach (var scheme in PlivoSignatureScheme.All)
        {
            if (header(scheme.SignatureHeader) is not { Length: > 0 } signatures)
            {
                continue;
            }

            presented.Add(scheme);
            if (header(scheme.NonceHeader) is { Length: > 0 } nonce && IsValid(scheme, method, url, form, nonce, signatures, scheme.Key(options)))
            {
                verified.Add(scheme);
            }
        }

        return new PlivoVerification(presented, verified, header);
    }

    /// <summary>
    /// Whether any of the comma-separated <paramref name="signatures"/> is the request's under <paramref name="scheme"/>, over
    /// any reading of its URL; every comparison runs in constant time.
    /// </summary>
    public static bool IsValid(PlivoSignatureScheme scheme, string method, string url, IReadOnlyList<KeyValuePair<string, string>> form, string nonce, string? signatures,
        string authToken)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (string.IsNullOrEmpty(signatures) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var presented = signatures.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Encoding.ASCII.GetBytes).ToArray();
        var valid = false;
        foreach (var signed in SignedStrings(scheme.Version, method, url, form))
        {
            var expected = Encoding.ASCII.GetBytes(Sign(signed + (scheme.Version == 3 ? "." : string.Empty) + nonce, authToken));
            foreach (var signature in presented)
            {
                valid |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return valid;
    }

    /// <summary>Every SDK's string before the nonce, distinct: V2's base URLs; V3's URL, query and fields as plivo-node and plivo-python build them over each base, and as plivo-dotnet builds them.</summary>
    private static List<string> SignedStrings(int version, string method, string url, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        if (version != 3)
        {
            return [.. PlivoSignedUrls.Bases(url, withDotNetV2: true)];
        }

        var query = PlivoSignedUrls.Split(url).Query;
        var strings = PlivoSignedUrls.Bases(url, withDotNetV2: false).Select(b => V3String(method, b, query, form)).ToList();
        if (DotNetV3String(method, url, form) is { } dotnet && !strings.Contains(dotnet, StringComparer.Ordinal))
        {
            strings.Add(dotnet);
        }

        return strings;
    }

    private static string Sign(string signed, string authToken) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(signed)));

    /// <summary>The V3 string before <c>.{nonce}</c>: the base URL, the sorted query and, for a POST, the sorted fields.</summary>
    private static string V3String(string method, string baseUrl, string queryText, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var sortedQuery = string.Join("&", Sorted(Decode(queryText)).Select(p => p.Key + "=" + p.Value));
        if (string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return sortedQuery.Length > 0 ? baseUrl + "?" + sortedQuery : baseUrl;
        }

        var hasBody = form.Count > 0;
        var builder = new StringBuilder(baseUrl);
        if (sortedQuery.Length > 0 || hasBody)
        {
            builder.Append('?').Append(sortedQuery);
        }

        if (sortedQuery.Length > 0 && hasBody)
        {
            builder.Append('.');
        }

        foreach (var field in Sorted(form))
        {
            builder.Append(field.Key).Append(field.Value);
        }

        return builder.ToString();
    }

    /// <summary>
    /// plivo-dotnet's V3 string (<c>XPlivoSignatureV3.GenerateUrl</c>, v5.53.0): <c>+</c> made <c>%20</c>; <c>scheme://host</c>
    /// without any port and the decoded <c>Uri.LocalPath</c>; the query decoded as a whole before it is split on <c>&amp;</c>
    /// and <c>=</c>, a part without <c>=</c> dropped, one value per name; <c>?</c> when there is a query or fields; for a POST
    /// with a query <c>{query}.{fields}</c> with trailing dots trimmed. <see langword="null"/> when .NET cannot parse the URL
    /// or a field repeats (the SDK takes a dictionary).
    /// </summary>
    private static string? DotNetV3String(string method, string url, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        if (form.Select(f => f.Key).Distinct(StringComparer.Ordinal).Count() != form.Count
            || !Uri.TryCreate(url.Replace("+", "%20", StringComparison.Ordinal), UriKind.Absolute, out var parsed))
        {
            return null;
        }

        var fields = form.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var signed = new StringBuilder(parsed.Scheme + "://" + parsed.Host + parsed.LocalPath);
        if (fields.Count > 0 || parsed.Query.Length > 0)
        {
            signed.Append('?');
        }

        var isGet = method == "GET";
        if (parsed.Query.Length == 0)
        {
            return signed.Append(DotNetPairs(fields, isGet)).ToString();
        }

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairs = Uri.UnescapeDataString(parsed.Query).TrimStart('?').Split('&');
        Array.Sort(pairs, StringComparer.Ordinal);
        foreach (var pair in pairs.Where(p => p.Length > 0).Select(p => p.Split('=', 2)).Where(p => p.Length == 2))
        {
            query[pair[0]] = pair[1];
        }

        if (isGet)
        {
            foreach (var field in fields)
            {
                if (!query.TryAdd(field.Key, field.Value))
                {
                    return null;
                }
            }

            return signed.Append(DotNetPairs(query, true)).ToString();
        }

        return signed.Append(DotNetPairs(query, true)).Append('.').Append(DotNetPairs(fields, false)).ToString().TrimEnd('.');
    }

    /// <summary>plivo-dotnet's <c>GetSortedQueryParamString</c>: names sorted ordinally, <c>k=v&amp;…</c> (trailing <c>&amp;</c> trimmed) or <c>kv…</c>.</summary>
    private static string DotNetPairs(Dictionary<string, string> fields, bool asQuery)
    {
        var builder = new StringBuilder();
        foreach (var key in fields.Keys.Order(StringComparer.Ordinal))
        {
            builder.Append(key).Append(asQuery ? "=" : string.Empty).Append(fields[key]).Append(asQuery ? "&" : string.Empty);
        }

        return asQuery ? builder.ToString().TrimEnd('&') : builder.ToString();
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
