using Microsoft.AspNetCore.Http;
using SmsOptOut.Internal;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>What every HTML page of the package shares: text encoding, and the security headers with a CSP that allows only the page's own inline style.</summary>
internal static class Html
{
    /// <summary>Encodes text for an element or a double-quoted attribute (&lt; &gt; &amp; " '), leaving other characters as they are (<see cref="HtmlDocument.Encode"/>).</summary>
    public static string Encode(string text) => HtmlDocument.Encode(text);

    /// <summary>
    /// The CSP header of a page: <see cref="HtmlDocument.ContentSecurityPolicy"/> (nothing but the inline <paramref name="style"/>
    /// by its hash, images from <paramref name="images"/> alone when given, forms to this origin, no base URL), and no framing.
    /// </summary>
    public static string ContentSecurityPolicy(string style, string? images = null) => Header(HtmlDocument.ContentSecurityPolicy(style, images));

    /// <summary>
    /// A document's policy as a header: with <c>frame-ancestors 'none'</c> added, which only a header can say (a <c>meta</c>
    /// element cannot carry it, and browsers report it there as an error).
    /// </summary>
    public static string Header(string documentPolicy) => documentPolicy + "; frame-ancestors 'none'";

    /// <summary>Writes <paramref name="page"/> with <paramref name="status"/> and the security headers.</summary>
    public static Task WriteAsync(HttpContext context, int status, string contentSecurityPolicy, string page)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return response.WriteAsync(page, context.RequestAborted);
    }
}
