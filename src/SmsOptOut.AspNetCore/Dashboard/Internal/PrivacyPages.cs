using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Privacy;
using SmsOptOut.Reports;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>The data-protection actions of the lookup (access export, erasure), the open data-subject requests, and the report preview.</summary>
internal sealed class PrivacyPages(DashboardEndpoints pages, DashboardRoutes routes, TimeProvider time, ILogger logger)
{
    /// <summary>The access report (GDPR Art. 15) of a number, as a JSON download.</summary>
    public async Task AccessAsync(HttpContext context)
    {
        if (pages.Account(context) is not { } account)
        {
            await pages.UnknownAccountAsync(context).ConfigureAwait(false);
            return;
        }

        if (pages.NumberOf(context, account, context.Request.Query["ref"].ToString()) is not { } number)
        {
            await pages.RefuseAsync(context, StatusCodes.Status404NotFound, DashboardEndpoints.StaleReference, DashboardEndpoints.StaleReferenceReason).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"access-{account.Value}-{number.Value.ToString(CultureInfo.InvariantCulture)[^4..]}.json\"";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        Log.DashboardAccess(logger, number.ToMaskedString(), account.Value, DashboardEndpoints.UserOf(context));
        await context.RequestServices.GetRequiredService<IDataSubjectService>().WriteAccessReportAsync(account, number, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Erases a number from the account (GDPR Art. 17): it stays suppressed under a pseudonym.</summary>
    public async Task EraseAsync(HttpContext context)
    {
        if (await pages.CheckFormAsync(context).ConfigureAwait(false) is not (var form, var account))
        {
            return;
        }

        var requestId = form["requestId"].ToString().Trim();
        if (pages.NumberOf(context, form, account) is not { } number)
        {
            await pages.RefuseAsync(context, StatusCodes.Status400BadRequest, DashboardEndpoints.StaleReference + " Nothing was erased.", DashboardEndpoints.StaleReferenceReason).ConfigureAwait(false);
            return;
        }

        if (requestId.Length == 0)
        {
            await pages.RefuseAsync(context, StatusCodes.Status400BadRequest, "An erasure needs the request's reference (a ticket id); nothing was erased.").ConfigureAwait(false);
            return;
        }

        var user = DashboardEndpoints.UserOf(context);
        ErasureResult result;
        try
        {
            result = await context.RequestServices.GetRequiredService<IDataSubjectService>()
                .EraseAsync(new ErasureRequest(number, requestId, $"erased in the dashboard by {user}") { Account = account }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await pages.RefuseAsync(context, StatusCodes.Status400BadRequest, e.Message + " Nothing was erased.", "the erasure request is invalid").ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            // No pseudonym key, or a storage without erasure: say so instead of failing with 500.
            await pages.RefuseAsync(context, StatusCodes.Status409Conflict, e.Message + " Nothing was erased.", "the storage cannot erase (" + e.GetType().Name + ")").ConfigureAwait(false);
            return;
        }

        Log.DashboardErasure(logger, account.Value, requestId, user, result.Records.Sum(r => r.Events));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        // The request id goes inside the reference too: someone may have typed a number into it.
        context.Response.Headers.Location = routes.Lookup(account, pages.Reference(context, account, number, erased: requestId));
    }

    /// <summary>
    /// The open data-subject requests that concern the account (its own and those of every account), soonest deadline
    /// first, each with its days left or overdue. Read only: requests are recorded, extended and closed through
    /// <see cref="IDataSubjectService"/> or <c>smsoptout requests</c>; an erasure from the lookup closes the erasure
    /// request whose reference it is given.
    /// </summary>
    public async Task RequestsAsync(HttpContext context)
    {
        if (pages.Account(context) is not { } account)
        {
            await pages.UnknownAccountAsync(context).ConfigureAwait(false);
            return;
        }

        var now = time.GetUtcNow();
        var open = new List<DataSubjectRequestRecord>();
        var body = new StringBuilder(4_096).Append("<h1>Requests</h1><section>");
        try
        {
            await foreach (var request in context.RequestServices.GetRequiredService<IDataSubjectService>().GetOpenRequestsAsync(account, context.RequestAborted).ConfigureAwait(false))
            {
                open.Add(request);
            }
        }
        catch (NotSupportedException)
        {
            body.Append("<p id=\"no-requests\">The storage in use keeps no data-subject requests.</p></section>");
            await DashboardPage.WriteAsync(context, routes, pages.Title, "Requests", account, body.ToString()).ConfigureAwait(false);
            return;
        }

        var overdue = open.Count(r => r.IsOverdue(now));
        body.Append(CultureInfo.InvariantCulture, $"<p id=\"request-counts\">{open.Count:N0} open {(open.Count == 1 ? "request" : "requests")}, {overdue:N0} overdue.</p>")
            .Append("<p>People's access, erasure and objection requests that concern this account, soonest deadline first. Record, extend and close them with ")
            .Append("<code>IDataSubjectService</code> or <code>smsoptout requests</code>; erasing a number here with the request's reference closes its erasure request.</p>");
        if (open.Count > 0)
        {
            body.Append("<table id=\"requests\"><thead><tr><th scope=\"col\">reference</th><th scope=\"col\">kind</th><th scope=\"col\">law</th><th scope=\"col\">concerns</th>")
                .Append("<th scope=\"col\">received (UTC)</th><th scope=\"col\">due (UTC)</th><th scope=\"col\">state</th></tr></thead><tbody>");
            foreach (var r in open)
            {
                var late = r.IsOverdue(now);
                var days = (int)Math.Ceiling(Math.Abs((r.Deadline - now).TotalDays));
                body.Append("<tr data-reference=\"").Append(Html.Encode(r.Reference)).Append("\"><td>").Append(Html.Encode(r.Reference)).Append("</td><td>")
                    .Append(r.Kind.ToString().ToLowerInvariant()).Append("</td><td>").Append(LawName(r.Law)).Append("</td><td>")
                    .Append(r.Account is null ? "every account" : "this account").Append("</td><td>")
                    .Append(CultureInfo.InvariantCulture, $"{r.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm}</td><td>{r.Deadline.UtcDateTime:yyyy-MM-dd HH:mm}")
                    .Append(r.ExtendedDueAt is null ? string.Empty : " (extended)").Append("</td>")
                    .Append(late
                        ? string.Create(CultureInfo.InvariantCulture, $"<td class=\"error\">overdue by {days} {(days == 1 ? "day" : "days")}</td>")
                        : string.Create(CultureInfo.InvariantCulture, $"<td>{days} {(days == 1 ? "day" : "days")} left</td>"))
                    .Append("</tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("</section>");
        await DashboardPage.WriteAsync(context, routes, pages.Title, "Requests", account, body.ToString()).ConfigureAwait(false);
    }

    private static string LawName(DataProtectionLaw law) => law switch
    {
        DataProtectionLaw.Gdpr => "GDPR",
        DataProtectionLaw.UkGdpr => "UK GDPR",
        DataProtectionLaw.Ccpa => "CCPA",
        DataProtectionLaw.Pipeda => "PIPEDA",
        _ => "Québec P-39.1",
    };

    /// <summary>The next unsubscription report as it will be sent: recipients, subject, text, and the SMS.</summary>
    public async Task ReportAsync(HttpContext context)
    {
        if (pages.Account(context) is not { } account)
        {
            await pages.UnknownAccountAsync(context).ConfigureAwait(false);
            return;
        }

        var preview = await context.RequestServices.GetRequiredService<IUnsubscriptionReporter>().PreviewAsync(account, context.RequestAborted).ConfigureAwait(false);
        var body = preview is null
            ? "<h1>Next report</h1><section><p id=\"no-report\">This account has no report settings: no unsubscription report is sent.</p></section>"
            : "<h1>Next report</h1><section>" +
              string.Create(CultureInfo.InvariantCulture, $"<p id=\"report-counts\">{preview.OptOuts:N0} opt-outs and {preview.OptIns:N0} opt-ins since the last report.</p>") +
              "<p>To: " + Html.Encode(string.Join(", ", preview.Email.To)) + "<br>Subject: <b>" + Html.Encode(preview.Email.Subject) + "</b></p><pre id=\"report-text\">" +
              Html.Encode(preview.Email.TextBody) + "</pre><h2>By SMS</h2><pre id=\"report-sms\">" + Html.Encode(preview.Sms) + "</pre></section>";
        await DashboardPage.WriteAsync(context, routes, pages.Title, "Next report", account, body).ConfigureAwait(false);
    }
}
