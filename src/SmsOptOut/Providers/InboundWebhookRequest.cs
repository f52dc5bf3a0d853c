using System.Collections.Frozen;
using System.Net.Http.Headers;
using System.Text;
using System.Web;
using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>
/// A provider's webhook request as it arrived, independent of any web framework: the method, the public URL the
/// provider called (what it signed), the headers and the raw body bytes.
/// </summary>
public sealed class InboundWebhookRequest
{
    private readonly FrozenDictionary<string, string> _headers;
    private IReadOnlyList<KeyValuePair<string, string>>? _form;

    /// <summary>Creates the request.</summary>
    /// <param name="method">The HTTP method, for example <c>POST</c>.</param>
    /// <param name="url">The absolute URL the provider requested, with its query string, as configured in the provider's console.</param>
    /// <param name="headers">The headers; several values of one header are joined with <c>", "</c>.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="receivedAt">When the request arrived, on the host's clock.</param>
    public InboundWebhookRequest(string method, Uri url, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(headers);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"The request URL '{url}' must be absolute: providers sign the full URL they call.", nameof(url));
        }

        Method = method.ToUpperInvariant();
        Url = url;
        _headers = headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => string.Join(", ", g.Select(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        Body = body;
        ReceivedAt = receivedAt;
    }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The absolute URL the provider requested.</summary>
    public Uri Url { get; }

    /// <summary>The raw body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>When the request arrived, on the host's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The account named by the URL (<c>{InboundPrefix}/{provider}/{account}</c>), already known to the host; otherwise <see langword="null"/>.</summary>
    public AccountId? Account { get; init; }

    /// <summary>
    /// The region national numbers and short codes in the request belong to when the provider does not say (the host's
    /// <c>SmsOptOutOptions.DefaultRegion</c>); <see langword="null"/> when none is configured.
    /// </summary>
    public string? DefaultRegion { get; init; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>A header's value, or <see langword="null"/> when it is absent (names compare case-insensitively).</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether the body's <c>Content-Type</c> is <paramref name="mediaType"/> (parameters such as <c>charset</c> ignored).</summary>
    /// <param name="mediaType">For example <c>application/json</c>.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool HasMediaType(string mediaType) =>
        MediaTypeHeaderValue.TryParse(Header("Content-Type"), out var parsed) && string.Equals(parsed.MediaType, mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The fields of an <c>application/x-www-form-urlencoded</c> body, in order, decoded; repeated names appear repeatedly.</summary>
    /// <returns>The fields; empty for another media type.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> ReadForm() =>
        _form ??= HasMediaType("application/x-www-form-urlencoded") ? Decode(BodyText) : [];

    /// <summary>The fields of the URL's query string, in order, decoded.</summary>
    /// <returns>The fields.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> ReadQuery() => Decode(Url.Query.TrimStart('?'));

    private static List<KeyValuePair<string, string>> Decode(string encoded)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var collection = HttpUtility.ParseQueryString(encoded);
        foreach (var key in collection.AllKeys)
        {
            if (key is null)
            {
                continue;
            }

            foreach (var value in collection.GetValues(key) ?? [])
            {
                fields.Add(new(key, value));
            }
        }

        return fields;
    }
}
