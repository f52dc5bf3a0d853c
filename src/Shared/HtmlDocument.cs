using System.Security.Cryptography;
using System.Text;

namespace SmsOptOut.Internal;

/// <summary>
/// The plain-text side of SmsOptOut's HTML pages: text encoding and a document's head. No ASP.NET types, so the
/// dashboard and the tool (<c>smsoptout certificate --html</c>) write the same pages. Shared source, compiled into each.
/// </summary>
internal static class HtmlDocument
{
    /// <summary>Encodes text for an element or a double-quoted attribute (&lt; &gt; &amp; " '), leaving other characters as they are.</summary>
    public static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>
    /// A Content-Security-Policy that allows nothing but the inline <paramref name="style"/> (by its hash), images from
    /// <paramref name="images"/> alone when given (one origin, or <c>data:</c>), forms to this origin, and no base URL:
    /// every directive a document can also carry in its own <c>meta</c> element. A server adds, as a header, what only a
    /// header can say (the dashboard's <c>Html.Header</c>: no framing).
    /// </summary>
    public static string ContentSecurityPolicy(string style, string? images = null) =>
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'; " +
        (images is null ? string.Empty : $"img-src {images}; ") +
        "form-action 'self'; base-uri 'none'";

    /// <summary>
    /// A document up to its <c>head</c>'s end: English, UTF-8, not indexed, <paramref name="title"/> (encoded) and the
    /// inline <paramref name="style"/>; with <paramref name="contentSecurityPolicy"/>, that policy in a <c>meta</c> element
    /// before the style, so that a page saved to a file, which has no headers, keeps it.
    /// </summary>
    public static StringBuilder Start(string title, string style, int capacity, string? contentSecurityPolicy = null)
    {
        var page = new StringBuilder(capacity)
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (contentSecurityPolicy is not null)
        {
            page.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Encode(contentSecurityPolicy)).Append("\">");
        }

        return page.Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(Encode(title)).Append("</title><style>").Append(style).Append("</style></head>");
    }
}
