using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Consent;
using SmsOptOut.Internal;
using SmsOptOut.Numbers;
using SmsOptOut.OptIn;
using SmsOptOut.Reports;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>The dashboard's pages: the overview, the number lookup and its opt-out / opt-in actions.</summary>
internal sealed class DashboardEndpoints(SmsOptOutDashboardOptions options, DashboardRoutes routes, NumberReferences references, TimeProvider time, DashboardTime clock,
    ILogger logger)
{
    public const int MaxNoteLength = 500;

    /// <summary>The most consent events the overview reads from the log to count them by the day they occurred.</summary>
    public const int MaxOccurrenceScan = 200_000;

    /// <summary>How much earlier than its occurrence an event may have been recorded and still be counted (a caller's clock ahead of ours).</summary>
    private static readonly TimeSpan OccurrenceSlack = TimeSpan.FromDays(1);

    public string Title => options.Title;
    private static readonly int[] Periods = [7, 30, 90];

    public async Task OverviewAsync(HttpContext context)
    {
        if (Account(context) is not { } account)
        {
            await UnknownAccountAsync(context).ConfigureAwait(false);
            return;
        }

        var days = int.TryParse(context.Request.Query["days"], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && Periods.Contains(d) ? d : 30;
        var occurred = context.Request.Query["by"].ToString() == "occurred";
        var services = context.RequestServices;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - days);
        var statistics = services.GetRequiredService<IConsentStatistics>();
        var counts = occurred ? await CountByOccurrenceAsync(services.GetRequiredService<ISuppressionStore>(), account, from, today, context.RequestAborted).ConfigureAwait(false) : null;
        var tooMany = occurred && counts is null;
        counts ??= await statistics.CountByDayAsync(account, from, today, context.RequestAborted).ConfigureAwait(false);
        occurred &= !tooMany;
        var outbox = await services.GetRequiredService<IWebhookOutboxStore>().CountAsync(account, context.RequestAborted).ConfigureAwait(false);
        var suppressed = await statistics.CountSuppressedAsync(account, context.RequestAborted).ConfigureAwait(false);
        var optOuts = counts.Where(c => c.Kind == ConsentKind.OptOut).Sum(c => c.Count);
        var optIns = counts.Where(c => c.Kind == ConsentKind.OptIn).Sum(c => c.Count);

        var body = new StringBuilder(16_384).Append("<h1>Overview</h1><section>").Append(Picker(account, days, occurred)).Append("</section><section><div class=\"totals\">")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"opt-outs\"><b>{optOuts:N0}</b>opt-outs in {days} days</div>")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"opt-ins\"><b>{optIns:N0}</b>opt-ins</div>")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"suppressed\"><b>{suppressed:N0}</b>suppressions now</div>")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"webhooks-owed\"><b>{outbox.Pending:N0}</b>webhooks owed</div>")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"dead-letters\"><b>{outbox.DeadLettered:N0}</b>dead letters</div>")
            .Append("</div><p><a href=\"").Append(Html.Encode(routes.Suppressions(account))).Append("\">See the suppressed numbers</a></p></section><section><h2>Per day</h2>")
            .Append("<p class=\"toggle\">Count by: <a href=\"").Append(Html.Encode(routes.Overview(account, days))).Append('"').Append(occurred ? string.Empty : " aria-current=\"true\"")
            .Append(">the day it was recorded</a> · <a href=\"").Append(Html.Encode(routes.Overview(account, days, occurred: true))).Append('"').Append(occurred ? " aria-current=\"true\"" : string.Empty)
            .Append(">the day it occurred</a></p><p id=\"time-basis\">")
            .Append(occurred
                ? "Each change counts on the UTC day it occurred, as its source said (an import of old opt-outs counts on their own dates), read from the consent log of the changes recorded since the day before the period. A past day can still grow when older opt-outs are imported."
                : "Each change counts on the UTC day it was recorded: when SmsOptOut learned of it (an import of old opt-outs counts on the day of the import). A day once counted keeps its count.")
            .Append("</p>");
        if (tooMany)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" id=\"occurred-too-many\">More than {MaxOccurrenceScan:N0} changes were recorded since the period began: too many to count by the day they occurred here, so they are counted by the day they were recorded.</p>");
        }

        body.Append(DailyChart.Render(counts, from, today)).Append("</section>");
        await DashboardPage.WriteAsync(context, routes, options.Title, "Overview", account, body.ToString()).ConfigureAwait(false);
    }

    /// <summary>
    /// The counts by the UTC day each event occurred: the events recorded since the day before <paramref name="from"/>
    /// (an event is recorded when or after it occurs), at most <see cref="MaxOccurrenceScan"/> of them; <see langword="null"/> when there are more.
    /// </summary>
    private async Task<IReadOnlyList<ConsentDayCount>?> CountByOccurrenceAsync(ISuppressionStore log, AccountId account, DateOnly from, DateOnly through,
        CancellationToken cancellationToken)
    {
        var first = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(through.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var now = time.GetUtcNow();
        var counts = new Dictionary<(DateOnly Day, ConsentKind Kind, OptOutSource Source), long>();
        var read = 0;
        await foreach (var e in log.GetEventsAsync(account, first - OccurrenceSlack, (now > end ? now : end) + OccurrenceSlack, cancellationToken).ConfigureAwait(false))
        {
            if (++read > MaxOccurrenceScan)
            {
                return null;
            }

            if (e.OccurredAt >= first && e.OccurredAt < end)
            {
                var key = (DateOnly.FromDateTime(e.OccurredAt.UtcDateTime), e.Kind, e.Source);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return [.. counts.Select(c => new ConsentDayCount(c.Key.Day, c.Key.Kind, c.Key.Source, c.Value))];
    }

    /// <summary>
    /// <c>GET /numbers</c>: the lookup form, or — with <c>ref</c>, the reference the form's POST redirected to — the
    /// number's state, log and forms. A number in the URL is refused: request logs would keep it.
    /// </summary>
    public async Task LookupAsync(HttpContext context)
    {
        if (Account(context) is not { } account)
        {
            await UnknownAccountAsync(context).ConfigureAwait(false);
            return;
        }

        if (context.Request.Query.ContainsKey("number"))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest,
                "Numbers are not taken in URLs, which request logs keep: use the lookup form, which posts the number.", "a number in the URL").ConfigureAwait(false);
            return;
        }

        var body = LookupForm(context, account, string.Empty);
        if (context.Request.Query["ref"].ToString() is { Length: > 0 } reference)
        {
            if (references.Read(context, account, reference) is not (var number, var erased))
            {
                await RefuseAsync(context, StatusCodes.Status404NotFound, StaleReference, StaleReferenceReason).ConfigureAwait(false);
                return;
            }

            await AppendNumberAsync(context, body, account, number, erased).ConfigureAwait(false);
        }

        await DashboardPage.WriteAsync(context, routes, options.Title, "Number lookup", account, body.ToString()).ConfigureAwait(false);
    }

    /// <summary><c>POST /numbers</c>: looks the typed number up and redirects to its page under a reference.</summary>
    public async Task LookupPostAsync(HttpContext context)
    {
        if (await CheckFormAsync(context).ConfigureAwait(false) is not (var form, var account))
        {
            return;
        }

        var input = form["number"].ToString().Trim();
        var region = context.RequestServices.GetRequiredService<IOptions<SmsOptOutOptions>>().Value.DefaultRegion;
        if (!PhoneNumber.TryParse(input, region, out var number, out _))
        {
            var body = LookupForm(context, account, input).Append("<section><p class=\"error\" id=\"error\">")
                .Append(Html.Encode($"'{input}' is not a phone number; give it with its country code (+1 415 555 2671).")).Append("</p></section>");
            Log.DashboardRefused(logger, StatusCodes.Status400BadRequest, "the lookup form names no phone number");
            await DashboardPage.WriteAsync(context, routes, options.Title, "Number lookup", account, body.ToString(), StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = routes.Lookup(account, references.Create(context, account, number));
    }

    /// <summary>Records an opt-out or opt-in the person asked a member of staff for, with the note and who recorded it.</summary>
    public async Task ActAsync(HttpContext context, ConsentKind kind)
    {
        if (await CheckFormAsync(context).ConfigureAwait(false) is not (var form, var account))
        {
            return;
        }

        var note = form["note"].ToString().Trim();
        if (NumberOf(context, form, account) is not { } number)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, StaleReference + " Nothing was changed.", StaleReferenceReason).ConfigureAwait(false);
            return;
        }

        if (note.Length is 0 or > MaxNoteLength)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, $"A note of 1 to {MaxNoteLength} characters is required: why, and at whose request; nothing was changed.").ConfigureAwait(false);
            return;
        }

        var user = UserOf(context);
        var request = new ConsentRequest(account, number, OptOutSource.Api) { Evidence = new ConsentEvidence { Note = $"{note} (recorded by {user} in the dashboard)" } };
        var optOut = context.RequestServices.GetRequiredService<IOptOutService>();
        var result = kind == ConsentKind.OptOut
            ? await optOut.OptOutAsync(request, context.RequestAborted).ConfigureAwait(false)
            : await optOut.OptInAsync(request, context.RequestAborted).ConfigureAwait(false);
        Log.DashboardAction(logger, kind.ToString(), number.ToMaskedString(), account.Value, user, result.Status.ToString());
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = routes.Lookup(account, references.Create(context, account, number));
    }

    /// <summary>What a refused reference is told.</summary>
    public const string StaleReference =
        "This link to a number has expired or was made for another user (links to numbers last 30 minutes and carry no number): look the number up again.";

    /// <summary>The log's reason for a refused reference.</summary>
    public const string StaleReferenceReason = "an unknown, expired or another user's number reference";

    /// <summary>The number a form's <c>ref</c> field names, if the reference holds for this user and account.</summary>
    public PhoneNumber? NumberOf(HttpContext context, IFormCollection form, AccountId account) =>
        references.Read(context, account, form["ref"].ToString()) is (var number, _) ? number : null;

    /// <summary>A reference to <paramref name="number"/> for this user and account, for a URL or a form.</summary>
    public string Reference(HttpContext context, AccountId account, PhoneNumber number, string? erased = null) => references.Create(context, account, number, erased);

    /// <summary>The number a <c>ref</c> names, for the access download.</summary>
    public PhoneNumber? NumberOf(HttpContext context, AccountId account, string? reference) =>
        references.Read(context, account, reference) is (var number, _) ? number : null;

    /// <summary>
    /// The form and account of a POST after its antiforgery check; otherwise writes the refusal (400 for a stale or
    /// foreign form, 404 for an account this dashboard does not show, 413/400 for a body that cannot be read) and returns null.
    /// </summary>
    public async Task<(IFormCollection Form, AccountId Account)?> CheckFormAsync(HttpContext context)
    {
        IFormCollection form;
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context).ConfigureAwait(false);
            form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "The form is stale or did not come from this dashboard (antiforgery check failed); nothing was changed. Open the page again and retry.",
                "the antiforgery check failed").ConfigureAwait(false);
            return null;
        }
        catch (InvalidDataException)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "The form cannot be read; nothing was changed.", "a malformed form").ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (RequestBody.IsReadFailure(e, context))
        {
            if (RequestBody.Status(e) is { } status)
            {
                await RefuseAsync(context, status, "The form cannot be read; nothing was changed.", RequestBody.Reason(status)).ConfigureAwait(false);
            }
            else
            {
                Log.ClientWentAway(logger, "Dashboard");
            }

            return null;
        }

        if (AccountOf(form) is not { } account)
        {
            await RefuseAsync(context, StatusCodes.Status404NotFound, "This dashboard shows no such account; nothing was changed.", "a form naming an account the dashboard does not show")
                .ConfigureAwait(false);
            return null;
        }

        return (form, account);
    }

    /// <summary>The account a form names, if the dashboard shows it.</summary>
    private AccountId? AccountOf(IFormCollection form) => options.Accounts.Cast<AccountId?>().FirstOrDefault(a => a!.Value.Value == form["account"].ToString());

    /// <summary>A POST form to <paramref name="action"/> with the antiforgery token and the account.</summary>
    public static string Form(HttpContext context, string action, AccountId account, string inner, string? css = null)
    {
        var token = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new StringBuilder("<form").Append(css is null ? string.Empty : $" class=\"{css}\"").Append(" method=\"post\" action=\"").Append(Html.Encode(action)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(Html.Encode(token.FormFieldName)).Append("\" value=\"").Append(Html.Encode(token.RequestToken ?? string.Empty)).Append("\">")
            .Append("<input type=\"hidden\" name=\"account\" value=\"").Append(Html.Encode(account.Value)).Append("\">")
            .Append(inner).Append("</form>").ToString();
    }

    /// <summary>Who is acting: the signed-in user's name.</summary>
    public static string UserOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "an unauthenticated local user";

    /// <summary>The lookup form: it posts the number, so the number never enters a URL.</summary>
    private StringBuilder LookupForm(HttpContext context, AccountId account, string input) =>
        new StringBuilder(8_192).Append("<h1>Number lookup</h1><section>").Append(Form(context, routes.Prefix + "/numbers", account,
            "<label>Number, in any format<input type=\"tel\" name=\"number\" autocomplete=\"off\" required value=\"" + Html.Encode(input) + "\"></label>" +
            "<button type=\"submit\">Look up</button>", "inline")).Append("</section>");

    private async Task AppendNumberAsync(HttpContext context, StringBuilder body, AccountId account, PhoneNumber number, string? erased)
    {
        var services = context.RequestServices;
        var store = services.GetRequiredService<ISuppressionStore>();
        var suppressed = await store.IsSuppressedAsync(account, number, null, context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<SuppressedNumber>? scopes = null;
        if (services.GetService<Privacy.IDataSubjectStore>() is { } subjects)
        {
            try
            {
                scopes = await subjects.GetSuppressionsAsync(account, number, context.RequestAborted).ConfigureAwait(false);
            }
            catch (NotSupportedException)
            {
                // A storage without erasure and access support: the account-wide state is what there is.
            }
        }

        var optIn = services.GetService<IOptInStore>() is { } optIns ? await optIns.GetAsync(account, number, context.RequestAborted).ConfigureAwait(false) : null;
        var history = new List<ConsentEvent>();
        await foreach (var e in store.GetHistoryAsync(account, number, context.RequestAborted).ConfigureAwait(false))
        {
            history.Add(e);
        }

        var listSuppressed = scopes?.Any(s => s.List is not null) == true;
        var seen = history.Count > 0 || scopes is { Count: > 0 } || optIn is not null;
        body.Append("<section><h2>").Append(Html.Encode(number.ToString())).Append("</h2><p id=\"state\">")
            .Append(suppressed ? "Suppressed: no message of this account reaches this number."
                : listSuppressed ? "Not suppressed account-wide; suppressed for the lists below."
                : seen ? "Not suppressed account-wide." : "Not suppressed account-wide, and never seen in this account: no consent change is recorded for it.")
            .Append("</p>");
        if (suppressed && !seen)
        {
            body.Append("<p id=\"pseudonymous\">Nothing else is held about it: it was erased, and stays suppressed under a pseudonym.</p>");
        }

        if (scopes is { Count: > 0 })
        {
            body.Append("<ul id=\"scopes\">");
            foreach (var scope in scopes)
            {
                body.Append("<li>").Append(Html.Encode(Labels.Scope(scope.List)))
                    .Append(scope.PausedUntil is { } until ? ": paused until " + clock.Show(until) + "," : ":").Append(" since ").Append(clock.Show(scope.Since))
                    .Append(", by ").Append(Html.Encode(Labels.Source(scope.Source))).Append("</li>");
            }

            body.Append("</ul>");
        }

        if (optIn is not null)
        {
            body.Append("<p id=\"opt-in\">Opt-in: ").Append(Html.Encode(Labels.OptIn(optIn.Level))).Append("; ").Append(Labels.Basis(optIn.Basis))
                .Append(optIn.LevelAt is { } at ? ", since " + clock.Show(at) : string.Empty)
                .Append(optIn.ConsentExpiresAt is { } expires ? $"; {(expires <= time.GetUtcNow() ? "expired" : "expires")} {clock.Show(expires)}" : "; does not expire")
                .Append("</p>");
        }

        var reference = references.Create(context, account, number);
        // Certificates: for each event in the tamper-evident log, when the storage keeps it and a key signs checkpoints.
        var noCertificates = CertificatePages.Unavailable(services);
        var log = noCertificates is null ? services.GetRequiredService<SmsOptOut.Evidence.IConsentLogStore>() : null;
        if (history.Count > 0)
        {
            body.Append("<table id=\"history\"><caption>Consent log, oldest first. ").Append(Html.Encode(clock.Note))
                .Append("</caption><thead><tr><th scope=\"col\">recorded</th><th scope=\"col\">change</th><th scope=\"col\">source</th><th scope=\"col\">applies to</th><th scope=\"col\">evidence</th>")
                .Append(log is null ? string.Empty : "<th scope=\"col\">certificate</th>").Append("</tr></thead><tbody>");
            foreach (var e in history)
            {
                body.Append("<tr><td>").Append(clock.Show(e.RecordedAt, seconds: true)).Append("</td><td>")
                    .Append(e.PausedUntil is { } until ? "pause until " + clock.Show(until) : e.Reverts is { } reverted ? "opt-in taking back " + Html.Encode(reverted) : Labels.Kind(e.Kind)).Append("</td><td>")
                    .Append(Html.Encode(Labels.Source(e.Source))).Append("</td><td>").Append(Html.Encode(Labels.Scope(e.Scope == SuppressionScope.Account ? null : e.List)))
                    .Append("</td><td>").Append(Evidence(e.Evidence)).Append("</td>");
                if (log is not null)
                {
                    body.Append("<td data-certificate=\"").Append(Html.Encode(e.EventId)).Append("\">")
                        .Append(await CertificatePages.WhyNoneAsync(log, account, e.EventId, context.RequestAborted).ConfigureAwait(false) is { } none
                            ? Html.Encode(none)
                            : $"<a href=\"{Html.Encode(routes.Certificate(account, reference, e.EventId))}\">Certificate (HTML)</a><br>" +
                              $"<a href=\"{Html.Encode(routes.Certificate(account, reference, e.EventId, json: true))}\">Certificate (JSON)</a>")
                        .Append("</td>");
                }

                body.Append("</tr>");
            }

            body.Append("</tbody></table>");
            body.Append(noCertificates is null
                ? "<p class=\"muted\" id=\"certificates\">A certificate proves an event against a signed checkpoint of the account's log; anyone verifies it offline with the public key (smsoptout verify).</p>"
                : "<p class=\"muted\" id=\"no-certificates\">" + Html.Encode(noCertificates) + "</p>");
        }
        else
        {
            body.Append("<p id=\"no-history\">No consent change of this number is in the log.</p>");
        }

        body.Append("</section>");
        if (erased is not null)
        {
            body.Append("<section><p id=\"notice\" role=\"status\">").Append(Html.Encode($"Erased (request {erased}): the number stays suppressed under a pseudonym; its log and evidence are gone.")).Append(noCertificates is null
                ? " Its events have no consent certificates any more: their content is gone (their leaves stay in the log, which still verifies)." : string.Empty).Append("</p></section>");
        }

        if (seen)
        {
            // Something is held: the person may ask for it (Art. 15) or for its erasure (Art. 17).
            body.Append("<section><h2>The person's data</h2><p><a id=\"access\" href=\"").Append(Html.Encode(routes.Access(account, reference)))
                .Append("\">Download the access report (JSON)</a></p>").Append(Form(context, routes.Action("erase"), account,
                    "<input type=\"hidden\" name=\"ref\" value=\"" + Html.Encode(reference) + "\">" +
                    "<label>Request reference (a ticket id; no phone number)<input name=\"requestId\" required maxlength=\"200\"></label> " +
                    "<button type=\"submit\" class=\"danger\">Erase this number</button>")).Append("</section>");
        }

        // Only the changes that would change something: no opt-out of a suppressed number, no opt-in of one nothing suppresses.
        var actions = new List<(string Action, string Label, string Css, string Why)>();
        if (!suppressed)
        {
            actions.Add(("opt-out", "Opt out", " class=\"danger\"", "No message of this account will reach the number."));
        }

        if (suppressed || listSuppressed)
        {
            actions.Add(("opt-in", "Opt in again", string.Empty, "Lifts every suppression of the number in this account, the lists' too."));
        }

        foreach (var (action, label, css, why) in actions)
        {
            body.Append("<section><h2>").Append(label).Append(" on the person's request</h2><p class=\"muted\">").Append(why).Append("</p>").Append(Form(context, routes.Action(action), account,
                "<input type=\"hidden\" name=\"ref\" value=\"" + Html.Encode(reference) + "\">" +
                $"<label>Note (required: why, at whose request)<textarea name=\"note\" required maxlength=\"{MaxNoteLength}\" rows=\"2\" cols=\"60\"></textarea></label> " +
                "<button type=\"submit\"" + css + ">" + label + "</button>")).Append("</section>");
        }
    }

    /// <summary>Each piece of evidence on its own line, "name: value", encoded.</summary>
    private static string Evidence(ConsentEvidence evidence)
    {
        if (ConsentEvidenceJson.Serialize(evidence) is not { } json)
        {
            return "—";
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        return string.Join("<br>", document.RootElement.EnumerateObject().Select(p => $"<code>{Html.Encode(p.Name.Replace('_', ' '))}</code>: {Html.Encode(p.Value.ToString())}"));
    }

    private string Picker(AccountId account, int days, bool occurred)
    {
        var html = new StringBuilder("<form class=\"inline\" method=\"get\" action=\"").Append(Html.Encode(routes.Prefix + "/")).Append("\"><label>Account<select name=\"account\">");
        foreach (var a in options.Accounts)
        {
            html.Append("<option").Append(a == account ? " selected" : string.Empty).Append('>').Append(Html.Encode(a.Value)).Append("</option>");
        }

        html.Append("</select></label><label>Period<select name=\"days\">");
        foreach (var period in Periods)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{period}\"{(period == days ? " selected" : string.Empty)}>last {period} days</option>");
        }

        html.Append("</select></label>");
        if (occurred)
        {
            html.Append("<input type=\"hidden\" name=\"by\" value=\"occurred\">");
        }

        return html.Append("<button type=\"submit\">Show</button></form>").ToString();
    }

    /// <summary>The account asked for, if the dashboard shows it; the first account when none is asked for.</summary>
    public AccountId? Account(HttpContext context)
    {
        var asked = context.Request.Query["account"].ToString();
        return asked.Length == 0 ? options.Accounts[0] : options.Accounts.Cast<AccountId?>().FirstOrDefault(a => a!.Value.Value == asked);
    }

    public Task UnknownAccountAsync(HttpContext context) =>
        RefuseAsync(context, StatusCodes.Status404NotFound, "This dashboard shows no such account.", "an account the dashboard does not show");

    /// <summary>
    /// Answers a refusal: <paramref name="status"/>, a short page saying what to do, and log event 2011 with
    /// <paramref name="reason"/> (default: the message) — which must name nothing the request carried.
    /// </summary>
    public Task RefuseAsync(HttpContext context, int status, string message, string? reason = null)
    {
        Log.DashboardRefused(logger, status, reason ?? message);
        return DashboardPage.WriteAsync(context, routes, options.Title, "Error", options.Accounts[0], $"<section><p class=\"error\" id=\"error\">{Html.Encode(message)}</p></section>", status);
    }
}
