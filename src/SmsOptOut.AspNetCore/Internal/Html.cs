using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using SmsOptOut.Internal;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>What every HTML page of the package shares: text encoding, and the security headers with a CSP that allows only the page's own inline style.</summary>
internal static class Html
{
    /// <summary>Encodes text for an element or a double-quoted attribute (&lt; &gt; &amp; " '), leaving other characters as they are (<see cref="HtmlDocument.Encode"/>).</summary>
    public static string Encode(string text) => HtmlDocument.Encode(text);

    /// <summary>
    /// A CSP that allows nothing but the inline <paramref name="style"/> (by its hash), images from <paramref name="images"/>
    /// alone when given (one origin, or <c>data:</c>), forms to this origin, and no framing.
    /// </summary>
    public static string ContentSecurityPolicy(string style, string? images = null) =>
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'; " +
        (images is null ? string.Empty : $"img-src {images}; ") +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

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
