using Microsoft.AspNetCore.Http;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Consent;
using SmsOptOut.Internal;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>The dashboard's page frame: one HTML document, no script, no external asset, its inline style allowed by hash.</summary>
internal static class DashboardPage
{
    private const string Style =
        "body{font:0.95rem/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}" +
        "header{background:#1b1b1b;color:#fff;padding:.75rem 1.5rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}" +
        "header a{color:#fff}header a[aria-current]{font-weight:700;text-decoration-thickness:3px}" +
        "main{max-width:72rem;margin:1.5rem auto;padding:0 1.5rem}section{background:#fff;border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}" +
        "h1{font-size:1.3rem;margin:0 0 1rem}h2{font-size:1.05rem;margin:0 0 .75rem}" +
        "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e3e5e8;vertical-align:top}" +
        "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.totals{display:flex;gap:2rem;flex-wrap:wrap}.totals b{display:block;font-size:1.4rem}" +
        "form.inline{display:flex;gap:.75rem;align-items:end;flex-wrap:wrap}label{display:flex;flex-direction:column;gap:.2rem;font-weight:600}" +
        "input,select,textarea,button{font:inherit;padding:.4rem .55rem;border:1px solid #8a8f98;border-radius:.35rem}" +
        "button{background:#0b57d0;color:#fff;border-color:#0b57d0;font-weight:600;cursor:pointer}button.danger{background:#b3261e;border-color:#b3261e}" +
        ":focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}.bar{fill:#0b57d0}.bar-in{fill:#1e8e3e}.axis{stroke:#8a8f98}" +
        "svg text{font-size:11px;fill:#1b1b1b}.error{color:#b3261e;font-weight:600}code{font-size:.85rem;word-break:break-all}" +
        ".grid{stroke:#e3e5e8}.legend{display:flex;gap:1.25rem;flex-wrap:wrap;margin:.25rem 0 .5rem;padding:0;list-style:none}" +
        ".swatch{display:inline-block;width:.85rem;height:.85rem;border-radius:.15rem;margin-right:.35rem;vertical-align:-.1rem}.swatch.out{background:#0b57d0}.swatch.in{background:#1e8e3e}" +
        ".utc,.offset,.hint,.muted{color:#5f6368;font-size:.85em}.pager{display:flex;gap:1.5rem;margin-top:.75rem}form.filters input{max-width:11rem}" +
        ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}.toggle a[aria-current]{font-weight:700}" +
        "tfoot td{font-weight:700;border-top:2px solid #8a8f98}time{white-space:nowrap}";

    public static readonly string ContentSecurityPolicy = Html.ContentSecurityPolicy(Style);

    /// <summary>Writes a page with the navigation (<paramref name="current"/> marked) and <paramref name="body"/> inside <c>main</c>.</summary>
    public static Task WriteAsync(HttpContext context, DashboardRoutes routes, string title, string current, AccountId account, string body, int status = StatusCodes.Status200OK)
    {
        var page = HtmlDocument.Start(current + " · " + title, Style, 4_096)
            .Append("<body><header><strong>").Append(Html.Encode(title)).Append("</strong><nav aria-label=\"Dashboard\">");
        foreach (var (name, href) in new[]
                 {
                     ("Overview", routes.Overview(account)), ("Suppressed numbers", routes.Suppressions(account)), ("Number lookup", routes.Lookup(account)),
                     ("Webhooks", routes.Webhooks(account)), ("Requests", routes.Requests(account)), ("Next report", routes.Report(account)),
                 })
        {
            page.Append("<a href=\"").Append(Html.Encode(href)).Append('"').Append(name == current ? " aria-current=\"page\"" : string.Empty).Append('>')
                .Append(name).Append("</a> ");
        }

        page.Append("</nav><span>account <b>").Append(Html.Encode(account.Value)).Append("</b></span></header><main>").Append(body).Append("</main></body></html>");
        return Html.WriteAsync(context, status, ContentSecurityPolicy, page.ToString());
    }
}
