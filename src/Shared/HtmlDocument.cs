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

    /// <summary>A document up to its <c>head</c>'s end: English, UTF-8, not indexed, <paramref name="title"/> (encoded) and the inline <paramref name="style"/>.</summary>
    public static StringBuilder Start(string title, string style, int capacity) =>
        new StringBuilder(capacity)
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(Encode(title)).Append("</title><style>").Append(style).Append("</style></head>");
}
