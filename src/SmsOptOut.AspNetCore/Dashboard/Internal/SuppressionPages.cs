using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Consent;
using SmsOptOut.Internal;
using SmsOptOut.Numbers;
using SmsOptOut.Reports;
using SmsOptOut.Suppression;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// The list of an account's suppressed numbers: masked, newest first, 50 a page with keyset paging; filtered by source,
/// scope, list and the days of the suppression's since; searched by a full number (posted, then carried as a reference);
/// exported as CSV (masked, or full for users the host's export policy admits), every export logged.
/// </summary>
internal sealed class SuppressionPages(DashboardEndpoints pages, DashboardRoutes routes, NumberReferences references, DashboardTime time, TimeProvider clock,
    string? fullNumberPolicy, ILogger logger)
{
    /// <summary>Entries read per store call while exporting.</summary>
    private const int ExportPage = 1_000;

    private const string CannotList =
        "This storage cannot list suppressed numbers: its adapter does not implement ISuppressionListing (SQLite, PostgreSQL, Redis and in-memory do). Look numbers up one at a time instead.";

    /// <summary><c>GET /suppressions</c>: one page of the list under the filters of the query string.</summary>
    public async Task ListAsync(HttpContext context)
    {
        if (await ReadAsync(context).ConfigureAwait(false) is not (var account, var query))
        {
            return;
        }

        await WriteAsync(context, account, query, input: null, error: null, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    /// <summary><c>POST /suppressions</c>: the filter form. The number typed is carried on as a reference, never in the URL.</summary>
    public async Task FilterAsync(HttpContext context)
    {
        if (await pages.CheckFormAsync(context).ConfigureAwait(false) is not (var form, var account))
        {
            return;
        }

        var region = Region(context);
        var (query, error) = ListQuery.Parse(name => form[name].ToString(), region);
        var input = form["number"].ToString().Trim();
        if (query is not null && input.Length > 0)
        {
            if (PhoneNumber.TryParse(input, region, out var number, out _))
            {
                query = query with { Search = (number, references.Create(context, account, number)) };
            }
            else
            {
                error = $"'{input}' is not a phone number; give it with its country code (+1 415 555 2671).";
            }
        }

        if (query is null || error is not null)
        {
            Log.DashboardRefused(logger, StatusCodes.Status400BadRequest, "the list's filter form holds a value the list does not take");
            await WriteAsync(context, account, query ?? new ListQuery(), input, error, StatusCodes.Status400BadRequest, form).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = routes.Suppressions(account) + query.QueryString();
    }

    /// <summary><c>GET /suppressions/export</c>: every entry under the filters, as CSV, streamed a page at a time, and logged.</summary>
    public async Task ExportAsync(HttpContext context)
    {
        if (await ReadAsync(context).ConfigureAwait(false) is not (var account, var query))
        {
            return;
        }

        var services = context.RequestServices;
        if (services.GetService<ISuppressionListing>() is not { } listing)
        {
            await pages.RefuseAsync(context, StatusCodes.Status501NotImplemented, CannotList, "the storage cannot list suppressions (no ISuppressionListing)").ConfigureAwait(false);
            return;
        }

        var full = context.Request.Query["numbers"].ToString() == "full";
        if (full && !await MayExportFullAsync(context).ConfigureAwait(false))
        {
            await pages.RefuseAsync(context, StatusCodes.Status403Forbidden,
                "Exports with full numbers need the dashboard's export permission (SmsOptOutDashboardOptions.FullNumberExportPolicy); export with masked numbers instead.",
                "an export with full numbers by a user the export policy does not admit").ConfigureAwait(false);
            return;
        }

        var filter = query.Filter(time);
        var user = DashboardEndpoints.UserOf(context);
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"suppressions-{FileSafe(account.Value)}-{time.Today(clock.GetUtcNow()):yyyyMMdd}.csv\"";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        var rows = 0L;
        var completed = false;
        try
        {
            var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteAsync("number,scope,list,since_utc,since_local,source,event_id\r\n").ConfigureAwait(false);
                var after = SuppressionListCursor.Start;
                IReadOnlyList<SuppressedNumber> page;
                do
                {
                    page = await listing.ListSuppressedAsync(account, filter, after, ExportPage, context.RequestAborted).ConfigureAwait(false);
                    foreach (var entry in page)
                    {
                        await writer.WriteAsync(Row(entry, full)).ConfigureAwait(false);
                    }

                    rows += page.Count;
                    after = page.Count > 0 ? page[^1].ListingCursor : after;
                    await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
                while (page.Count == ExportPage);
            }

            completed = true;
        }
        finally
        {
            Log.DashboardExport(logger, user, rows, account.Value, full ? "full" : "masked", Describe(query), completed ? "was complete" : "broke off (the client went away, or the storage failed)");
        }
    }

    /// <summary>Whether the signed-in user may export full numbers: the host named a policy and the user meets it.</summary>
    private async Task<bool> MayExportFullAsync(HttpContext context)
    {
        if (fullNumberPolicy is null)
        {
            return false;
        }

        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(context.User, fullNumberPolicy).ConfigureAwait(false)).Succeeded;
    }

    /// <summary>The account and list state of a GET, or the refusal written (unknown account, a number or stale reference in the URL, a bad filter).</summary>
    private async Task<(AccountId Account, ListQuery Query)?> ReadAsync(HttpContext context)
    {
        if (pages.Account(context) is not { } account)
        {
            await pages.UnknownAccountAsync(context).ConfigureAwait(false);
            return null;
        }

        var request = context.Request;
        if (request.Query.ContainsKey("number"))
        {
            await pages.RefuseAsync(context, StatusCodes.Status400BadRequest,
                "Numbers are not taken in URLs, which request logs keep: type the number in the list's Number field, which posts it.", "a number in the URL").ConfigureAwait(false);
            return null;
        }

        var (query, error) = ListQuery.Parse(name => request.Query[name].ToString(), Region(context));
        if (query is null)
        {
            await pages.RefuseAsync(context, StatusCodes.Status400BadRequest, error + " Open the list again and change the filter.", "a filter of the list the list does not take").ConfigureAwait(false);
            return null;
        }

        if (request.Query["q"].ToString() is { Length: > 0 } q)
        {
            if (references.Read(context, account, q) is not (var number, _))
            {
                await pages.RefuseAsync(context, StatusCodes.Status404NotFound,
                    "This search has expired or was made for another user (a search for a number lasts 30 minutes and its link carries no number): search again.",
                    DashboardEndpoints.StaleReferenceReason).ConfigureAwait(false);
                return null;
            }

            query = query with { Search = (number, q) };
        }

        if (request.Query["after"].ToString() is { Length: > 0 } after)
        {
            if (references.ReadCursor(context, account, after) is not { } cursor)
            {
                await pages.RefuseAsync(context, StatusCodes.Status404NotFound,
                    "This page's link has expired or was made for another user (links to later pages last 30 minutes): start again from the first page.",
                    "an unknown, expired or another user's page reference").ConfigureAwait(false);
                return null;
            }

            query = query with { After = (cursor, after), Page = ListQuery.PageOf(request) };
        }

        return (account, query);
    }

    private async Task WriteAsync(HttpContext context, AccountId account, ListQuery query, string? input, string? error, int status, IFormCollection? form = null)
    {
        var services = context.RequestServices;
        var body = new StringBuilder(32_768).Append("<h1>Suppressed numbers</h1>");
        var listing = services.GetService<ISuppressionListing>();
        var total = await services.GetRequiredService<IConsentStatistics>().CountSuppressedAsync(account, context.RequestAborted).ConfigureAwait(false);
        body.Append(CultureInfo.InvariantCulture, $"<section><p id=\"total\"><b>{total:N0}</b> suppressions in this account now: numbers that get no message (of the account, or of one list). ")
            .Append("Numbers are masked; a row's <i>details</i> open its lookup. ").Append(Html.Encode(time.Note)).Append("</p>");
        if (listing is null)
        {
            body.Append("<p class=\"error\" id=\"cannot-list\">").Append(Html.Encode(CannotList)).Append("</p></section>");
            await DashboardPage.WriteAsync(context, routes, pages.Title, "Suppressed numbers", account, body.ToString(), status).ConfigureAwait(false);
            return;
        }

        body.Append(FilterForm(context, account, query, input, form)).Append("</section>");
        if (error is not null)
        {
            body.Append("<section><p class=\"error\" id=\"error\" role=\"alert\">").Append(Html.Encode(error)).Append("</p></section>");
            await DashboardPage.WriteAsync(context, routes, pages.Title, "Suppressed numbers", account, body.ToString(), status).ConfigureAwait(false);
            return;
        }

        var filter = query.Filter(time);
        var after = query.After?.Cursor ?? SuppressionListCursor.Start;
        // One more than a page: whether a next page exists, without a count of every match.
        var entries = await listing.ListSuppressedAsync(account, filter, after, ListQuery.PageSize + 1, context.RequestAborted).ConfigureAwait(false);
        var shown = entries.Take(ListQuery.PageSize).ToList();
        var first = ((query.Page - 1) * ListQuery.PageSize) + 1;
        body.Append("<section><h2 id=\"results\">").Append(Html.Encode(Describe(query, masked: true))).Append("</h2>");
        if (shown.Count == 0)
        {
            body.Append("<p id=\"empty\">").Append(query.After is not null ? "No more suppressions match." : query.Filtered ? "No suppression matches these filters." : "No number is suppressed in this account.").Append("</p>");
        }
        else
        {
            body.Append(query.After is null && entries.Count <= ListQuery.PageSize
                    ? string.Create(CultureInfo.InvariantCulture, $"<p id=\"range\">{shown.Count:N0} {(shown.Count == 1 ? "suppression" : "suppressions")}, newest first.</p>")
                    : string.Create(CultureInfo.InvariantCulture, $"<p id=\"range\">Newest first: {first:N0}–{first + shown.Count - 1:N0}{(query.Page > 1 ? $" (page {query.Page:N0})" : string.Empty)}.</p>"))
                .Append("<table id=\"suppressions\"><thead><tr><th scope=\"col\">number</th><th scope=\"col\">applies to</th><th scope=\"col\">since</th><th scope=\"col\">source</th><th scope=\"col\"><span class=\"sr\">lookup</span></th></tr></thead><tbody>");
            foreach (var entry in shown)
            {
                body.Append("<tr><td><code>").Append(Html.Encode(entry.Number.ToMaskedString())).Append("</code></td><td>").Append(Html.Encode(Labels.Scope(entry.List)))
                    .Append(entry.PausedUntil is { } until ? ", paused until " + time.Show(until) : string.Empty)
                    .Append("</td><td>").Append(time.Show(entry.Since)).Append("</td><td title=\"").Append(Html.Encode(Labels.SourceHint(entry.Source))).Append("\">")
                    .Append(Html.Encode(Labels.Source(entry.Source))).Append("</td><td><a href=\"")
                    .Append(Html.Encode(routes.Lookup(account, references.Create(context, account, entry.Number)))).Append("\" aria-label=\"details of ")
                    .Append(Html.Encode(entry.Number.ToMaskedString())).Append("\">details</a></td></tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("<nav class=\"pager\" aria-label=\"Pages\">");
        if (query.After is not null)
        {
            body.Append("<a id=\"first-page\" href=\"").Append(Html.Encode(routes.Suppressions(account) + query.QueryString())).Append("\">« First page</a>");
        }

        if (entries.Count > ListQuery.PageSize)
        {
            var next = query with { After = (shown[^1].ListingCursor, references.CreateCursor(context, account, shown[^1].ListingCursor)), Page = query.Page + 1 };
            body.Append("<a id=\"next-page\" rel=\"next\" href=\"").Append(Html.Encode(routes.Suppressions(account) + next.QueryString(withPosition: true)))
                .Append(CultureInfo.InvariantCulture, $"\">Next {ListQuery.PageSize} »</a>");
        }

        body.Append("</nav></section><section><h2>Export</h2><p>Every suppression these filters match, as CSV (UTF-8; times in UTC and ")
            .Append(Html.Encode(time.ZoneName)).Append("). Each export is logged with your name.</p><p><a id=\"export\" href=\"")
            .Append(Html.Encode(routes.SuppressionExport(account) + query.QueryString())).Append("\">Export CSV, masked numbers</a>");
        if (await MayExportFullAsync(context).ConfigureAwait(false))
        {
            body.Append(" · <a id=\"export-full\" href=\"").Append(Html.Encode(routes.SuppressionExport(account) + query.QueryString() + "&numbers=full"))
                .Append("\">Export CSV with full numbers</a>");
        }
        else
        {
            body.Append(" <span class=\"hint\" id=\"export-full-hint\">(full numbers: only for users the host's export policy admits)</span>");
        }

        body.Append("</p></section>");
        await DashboardPage.WriteAsync(context, routes, pages.Title, "Suppressed numbers", account, body.ToString(), status).ConfigureAwait(false);
    }

    /// <summary>The filter form: it posts, so a number typed in it never enters a URL.</summary>
    private string FilterForm(HttpContext context, AccountId account, ListQuery query, string? input, IFormCollection? form)
    {
        string Typed(string name, string? fromQuery) => form is null ? fromQuery ?? string.Empty : form[name].ToString();
        var source = Typed("source", query.Source is { } s ? Labels.Code(s) : null);
        var scope = Typed("scope", query.Scope switch { SuppressionScope.Account => "account", SuppressionScope.List => "list", _ => null });
        var html = new StringBuilder()
            .Append("<label>Number (exact)<input type=\"tel\" name=\"number\" autocomplete=\"off\" placeholder=\"any\" value=\"")
            .Append(Html.Encode(input ?? (query.Search is { } search ? search.Number.ToString() : string.Empty))).Append("\"></label>")
            .Append("<label>Source<select name=\"source\"><option value=\"\">any</option>");
        foreach (var (value, code) in Labels.Sources)
        {
            html.Append("<option value=\"").Append(code).Append('"').Append(source == code ? " selected" : string.Empty).Append('>').Append(Html.Encode(Labels.Source(value))).Append("</option>");
        }

        html.Append("</select></label><label>Applies to<select name=\"scope\">")
            .Append("<option value=\"\">whole account or a list</option>")
            .Append("<option value=\"account\"").Append(scope == "account" ? " selected" : string.Empty).Append(">whole account</option>")
            .Append("<option value=\"list\"").Append(scope == "list" ? " selected" : string.Empty).Append(">a list</option></select></label>")
            .Append("<label>List<input name=\"list\" maxlength=\"128\" placeholder=\"any\" value=\"").Append(Html.Encode(Typed("list", query.List?.Value))).Append("\"></label>")
            .Append("<label>Since from<input type=\"date\" name=\"from\" value=\"").Append(Html.Encode(Typed("from", query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))).Append("\"></label>")
            .Append("<label>to<input type=\"date\" name=\"to\" value=\"").Append(Html.Encode(Typed("to", query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))).Append("\"></label>")
            .Append("<button type=\"submit\">Filter</button>");
        if (query.Filtered || form is not null)
        {
            html.Append(" <a id=\"clear\" href=\"").Append(Html.Encode(routes.Suppressions(account))).Append("\">Clear filters</a>");
        }

        return DashboardEndpoints.Form(context, routes.Prefix + "/suppressions", account, html.ToString(), "inline filters");
    }

    /// <summary>The filters in words (a searched number masked): the results' heading, and the export's log line.</summary>
    private string Describe(ListQuery query, bool masked = true)
    {
        var parts = new List<string>();
        if (query.Search is { } search)
        {
            parts.Add("number " + (masked ? search.Number.ToMaskedString() : search.Number.ToString()));
        }

        if (query.Source is { } source)
        {
            parts.Add("source " + Labels.Source(source));
        }

        if (query.List is { } list)
        {
            parts.Add("list " + list.Value);
        }
        else if (query.Scope is { } scope)
        {
            parts.Add(scope == SuppressionScope.Account ? "whole account only" : "lists only");
        }

        if (query.From is { } from)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"since {from:yyyy-MM-dd} or later"));
        }

        if (query.To is { } to)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"since {to:yyyy-MM-dd} or earlier"));
        }

        return parts.Count == 0 ? "All suppressions" : "Suppressions: " + string.Join(", ", parts) + (query.From is not null || query.To is not null ? $" ({time.ZoneName} days)" : string.Empty);
    }

    private string Row(SuppressedNumber entry, bool full)
    {
        var row = new StringBuilder(128)
            .Append(full ? entry.Number.ToString() : entry.Number.ToMaskedString()).Append(',')
            .Append(entry.List is null ? "account" : "list").Append(',')
            .Append(Csv(entry.List?.Value)).Append(',')
            .Append(entry.Since.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',')
            .Append(time.Local(entry.Since)).Append(',')
            .Append(Labels.Code(entry.Source)).Append(',')
            .Append(Csv(entry.EventId)).Append("\r\n");
        return row.ToString();
    }

    /// <summary>
    /// A text field of the CSV (RFC 4180 quoting). A field a spreadsheet would run as a formula (=, +, -, @, tab or CR
    /// first) gets a leading apostrophe: list and event ids come from other systems.
    /// </summary>
    private static string Csv(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return string.Empty;
        }

        if (field[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            field = "'" + field;
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Text safe in a download's file name: letters, digits, '-' and '_', anything else '_'.</summary>
    public static string FileSafe(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);

    private static string? Region(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.DefaultRegion;
}
