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
        "footer a{display:inline-block;margin:0 1rem .5rem 0;padding:.25rem 0}button.large{min-height:3.5rem;font-size:1.15rem}" +
        "form+form{margin-top:1.5rem}fieldset{border:1px solid #767676;border-radius:.5rem;margin:0 0 .75rem;padding:.5rem 1rem}" +
        "legend{font-weight:600;padding:0 .25rem}label{display:flex;gap:.75rem;align-items:center;min-height:2.75rem}" +
        "input[type=checkbox],input[type=radio]{width:1.5rem;height:1.5rem;margin:0;flex:none}";

    private static readonly string ContentSecurityPolicy = Html.ContentSecurityPolicy(Style);

    /// <summary>
    /// Writes a page: a heading, a line of text, optionally the masked number and one button that posts <paramref name="action"/>
    /// (and the <paramref name="undo"/> code) back to this URL; with the account's <paramref name="brand"/>, its logo,
    /// accent colour and links, and a CSP that allows the logo's images alone.
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, string language, string title, string intro, string? maskedNumber = null,
        string? action = null, string? button = null, bool secondary = false, string? undo = null, PageBrand? brand = null) =>
        WriteAsync(context, status, language, title, intro, maskedNumber, brand, page =>
        {
            if (action is not null && button is not null)
            {
                page.Append("<form method=\"post\">");
                Hidden(page, "action", action);
                if (undo is not null)
                {
                    Hidden(page, "undo", undo);
                }

                Button(page, button, secondary ? "secondary" : null);
                page.Append("</form>");
            }
        });

    /// <summary>Writes a page whose forms <paramref name="body"/> appends after the heading, the text and the masked number.</summary>
    public static Task WriteAsync(HttpContext context, int status, string language, string title, string intro, string? maskedNumber, PageBrand? brand,
        Action<StringBuilder> body)
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

        body(page);
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

    /// <summary>Appends a hidden form field.</summary>
    public static void Hidden(StringBuilder page, string name, string value) =>
        page.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");

    /// <summary>Appends a submit button of <paramref name="cssClass"/> (none for the primary look).</summary>
    public static void Button(StringBuilder page, string text, string? cssClass = null) =>
        page.Append("<button type=\"submit\"").Append(cssClass is null ? string.Empty : $" class=\"{cssClass}\"").Append('>').Append(Encode(text)).Append("</button>");

    private static void Link(StringBuilder page, Uri? url, string text)
    {
        if (url is not null)
        {
            page.Append("<a href=\"").Append(Encode(url.AbsoluteUri)).Append("\" rel=\"noopener\">").Append(Encode(text)).Append("</a>");
        }
    }

    /// <summary>HTML-encodes a text.</summary>
    public static string Encode(string text) => Html.Encode(text);

    /// <summary>Fills <c>{0}</c> of a page text with the display name.</summary>
    public static string Format(string text, string displayName) => text.Replace("{0}", displayName, StringComparison.Ordinal);
}
