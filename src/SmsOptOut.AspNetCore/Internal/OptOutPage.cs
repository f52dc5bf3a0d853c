using System.Text;
using Microsoft.AspNetCore.Http;

namespace SmsOptOut.AspNetCore.Internal;

/// <summary>
/// The landing pages: one small, mobile-first HTML document with no external assets and no script, written with the
/// security headers every page carries (a CSP that allows only its own inline style, no referrer, no framing).
/// </summary>
internal static class OptOutPage
{
    private const string Style =
        "body{font:1.05rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;padding:1.5rem;color:#1b1b1b;background:#f6f7f9}" +
        "main{max-width:28rem;margin:2rem auto;background:#fff;border-radius:.75rem;padding:1.5rem;box-shadow:0 1px 4px rgba(0,0,0,.12)}" +
        "h1{font-size:1.35rem;margin:0 0 1rem}.number{font-size:1.25rem;font-weight:600;letter-spacing:.04em;margin:.5rem 0 1.5rem}" +
        "button{width:100%;min-height:3rem;font:inherit;font-weight:600;border:0;border-radius:.5rem;background:#0b57d0;color:#fff;cursor:pointer}" +
        "button:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}button.secondary{background:#e8eaed;color:#1b1b1b}" +
        "a{color:#0b57d0}.logo{display:block;max-height:3rem;max-width:12rem;margin:0 0 1rem}footer{margin-top:1.5rem;font-size:.95rem}" +
        "footer a{display:inline-block;margin:0 1rem .5rem 0;padding:.25rem 0}";

    private static readonly string ContentSecurityPolicy = Html.ContentSecurityPolicy(Style);

    /// <summary>
    /// Writes a page: a heading, a line of text, optionally the masked number and one button that posts <paramref name="action"/>
    /// (and the <paramref name="undo"/> code) back to this URL; with the account's <paramref name="brand"/>, its logo,
    /// accent colour and links, and a CSP that allows the logo's images alone.
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, string language, string title, string intro, string? maskedNumber = null,
        string? action = null, string? button = null, bool secondary = false, string? undo = null, PageBrand? brand = null)
    {
        var style = brand is null ? Style : Style + brand.Style;
        var page = new StringBuilder(1_536)
            .Append("<!doctype html><html lang=\"").Append(Encode(language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(Encode(title)).Append("</title><style>").Append(style).Append("</style></head><body><main>");
        if (brand?.LogoSource is { } logo)
        {
            page.Append("<img class=\"logo\" src=\"").Append(Encode(logo)).Append("\" alt=\"").Append(Encode(brand.Name)).Append("\">");
        }

        page.Append("<h1>").Append(Encode(title)).Append("</h1><p>").Append(Encode(intro)).Append("</p>");
        if (maskedNumber is not null)
        {
            page.Append("<p class=\"number\" id=\"number\">").Append(Encode(maskedNumber)).Append("</p>");
        }

        if (action is not null && button is not null)
        {
            page.Append("<form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"").Append(Encode(action)).Append("\">");
            if (undo is not null)
            {
                page.Append("<input type=\"hidden\" name=\"undo\" value=\"").Append(Encode(undo)).Append("\">");
            }

            page
                .Append("<button type=\"submit\"").Append(secondary ? " class=\"secondary\"" : string.Empty).Append('>')
                .Append(Encode(button)).Append("</button></form>");
        }

        if (brand is { Brand.PrivacyPolicyUrl: not null } or { Brand.ContactUrl: not null })
        {
            page.Append("<footer>");
            Link(page, brand.Brand.PrivacyPolicyUrl, brand.Texts.PrivacyPolicyLink);
            Link(page, brand.Brand.ContactUrl, brand.Texts.ContactLink);
            page.Append("</footer>");
        }

        page.Append("</main></body></html>");
        return Html.WriteAsync(context, status, brand is null ? ContentSecurityPolicy : Html.ContentSecurityPolicy(style, brand.ImageSource), page.ToString());
    }

    private static void Link(StringBuilder page, Uri? url, string text)
    {
        if (url is not null)
        {
            page.Append("<a href=\"").Append(Encode(url.AbsoluteUri)).Append("\" rel=\"noopener\">").Append(Encode(text)).Append("</a>");
        }
    }

    private static string Encode(string text) => Html.Encode(text);

    /// <summary>Fills <c>{0}</c> of a page text with the display name.</summary>
    public static string Format(string text, string displayName) => text.Replace("{0}", displayName, StringComparison.Ordinal);
}
