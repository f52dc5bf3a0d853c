using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.AspNetCore.Internal;
using SmsOptOut.Consent;
using SmsOptOut.Webhooks;

namespace SmsOptOut.AspNetCore.Dashboard.Internal;

/// <summary>
/// The webhooks page: what the account owes and since when, its callback URL and the SSRF check, its recent deliveries
/// (state, attempts, how long after the opt-out), its dead letters with replay (selected or all), and a signed test event. A dead letter is shown by its ids and error, never its payload
/// (which holds the number).
/// </summary>
internal sealed class WebhookPages(DashboardEndpoints pages, DashboardRoutes routes, TimeProvider time, DashboardTime clock, ILogger logger)
{
    private const int MaxListed = 200;

    public async Task ShowAsync(HttpContext context)
    {
        if (pages.Account(context) is not { } account)
        {
            await pages.UnknownAccountAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, account, notice: context.Request.Query["replayed"].ToString() is { Length: > 0 } replayed
            ? $"{replayed} dead letter(s) requeued; the dispatcher delivers them at its next round." : null).ConfigureAwait(false);
    }

    public async Task ReplayAsync(HttpContext context)
    {
        if (await pages.CheckFormAsync(context).ConfigureAwait(false) is not (var form, var account))
        {
            return;
        }

        IReadOnlyCollection<string>? ids = form["all"].ToString() == "1" ? null : [.. form["id"].Where(id => !string.IsNullOrEmpty(id)).Select(id => id!)];
        if (ids is { Count: 0 })
        {
            await pages.RefuseAsync(context, StatusCodes.Status400BadRequest, "No dead letter was selected; nothing was replayed.").ConfigureAwait(false);
            return;
        }

        var replayed = await context.RequestServices.GetRequiredService<IOptOutWebhookDispatcher>().ReplayDeadLettersAsync(account, ids, context.RequestAborted).ConfigureAwait(false);
        Log.DashboardReplay(logger, replayed, account.Value, DashboardEndpoints.UserOf(context));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = routes.Webhooks(account) + "&replayed=" + replayed.ToString(CultureInfo.InvariantCulture);
    }

    public async Task TestAsync(HttpContext context)
    {
        if (await pages.CheckFormAsync(context).ConfigureAwait(false) is not (_, var account))
        {
            return;
        }

        var result = await context.RequestServices.GetRequiredService<IOptOutWebhookDispatcher>().SendTestAsync(account, null, context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, account, notice: result.Success
            ? $"The test event was delivered: {result.StatusCode} in {result.Latency.TotalMilliseconds:N0} ms."
            : $"The test event was not delivered ({(result.StatusCode is { } status ? status.ToString(CultureInfo.InvariantCulture) : "no answer")}, {result.Latency.TotalMilliseconds:N0} ms): {result.Error}")
            .ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext context, AccountId account, string? notice)
    {
        var services = context.RequestServices;
        var counts = await services.GetRequiredService<IWebhookOutboxStore>().CountAsync(account, context.RequestAborted).ConfigureAwait(false);
        var dispatcher = services.GetRequiredService<IOptOutWebhookDispatcher>();
        var endpoint = await services.GetRequiredService<IWebhookEndpointProvider>().GetEndpointAsync(account, null, context.RequestAborted).ConfigureAwait(false);
        var body = new StringBuilder(8_192).Append("<h1>Webhooks</h1>");
        if (notice is not null)
        {
            body.Append("<section><p id=\"notice\" role=\"status\">").Append(Html.Encode(notice)).Append("</p></section>");
        }

        var overdue = counts.OldestDueAt is { } due ? time.GetUtcNow() - due : (TimeSpan?)null;
        body.Append("<section><div class=\"totals\">")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"pending\"><b>{counts.Pending:N0}</b>owed</div>")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"oldest\"><b>{(overdue is { } age && age > TimeSpan.FromMinutes(1) ? Age(age) : "—")}</b>oldest due for</div>")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"delivered\"><b>{counts.Delivered:N0}</b>delivered (kept)</div>")
            .Append(CultureInfo.InvariantCulture, $"<div id=\"dead\"><b>{counts.DeadLettered:N0}</b>dead letters</div></div></section>");

        body.Append("<section><h2>Callback URL</h2>");
        if (endpoint is null)
        {
            body.Append("<p id=\"endpoint\">None: this account's opt-outs are not sent anywhere, and no webhook is owed for them.</p>")
                .Append("<div id=\"endpoint-howto\"><p>To have each opt-out posted to your system, give SmsOptOut a callback URL and a signing secret:</p>")
                .Append("<ul><li>for every account, in <code>AddSmsOptOut(o =&gt; …)</code>: <code>o.Webhooks.CallbackUrl = new Uri(\"https://crm.example/hooks/optout\");</code> ")
                .Append("and <code>o.Webhooks.Secrets.Add(WebhookSecret.Generate());</code> — or in configuration, <code>SmsOptOut:Webhooks:CallbackUrl</code> and <code>SmsOptOut:Webhooks:Secrets</code>;</li>")
                .Append("<li>per account (a CRM with tenants): register an <code>IWebhookEndpointProvider</code> that returns each account's URL and secrets.</li></ul>")
                .Append("<p>Then restart; this page checks the URL against the SSRF rules and sends a signed test event. Payload, signatures and retries: <code>docs/webhooks.md</code>.</p></div>");
        }
        else
        {
            var check = await dispatcher.ValidateEndpointAsync(endpoint.Url, context.RequestAborted).ConfigureAwait(false);
            body.Append("<p id=\"endpoint\"><code>").Append(Html.Encode(endpoint.Url.ToString())).Append("</code>: ")
                .Append(Html.Encode(check.IsAllowed ? "allowed by the SSRF rules." : "refused: " + check.Reason)).Append("</p>")
                .Append(DashboardEndpoints.Form(context, routes.WebhookAction("test"), account, "<button type=\"submit\">Send a test event</button>"));
        }

        body.Append("</section>");
        if (services.GetService<IWebhookDeliveryHistory>() is { } history)
        {
            var recent = await history.GetRecentAttemptsAsync(account, 50, context.RequestAborted).ConfigureAwait(false);
            body.Append("<section><h2>Recent deliveries</h2>");
            if (recent.Count == 0)
            {
                body.Append("<p id=\"no-recent\">No attempt yet.</p>");
            }
            else
            {
                body.Append("<p class=\"muted\">").Append(Html.Encode(clock.Note)).Append("</p><table id=\"recent\"><thead><tr><th>last attempt</th><th>state</th><th class=\"n\">attempts</th><th class=\"n\">after the opt-out</th><th>last error</th><th>event</th></tr></thead><tbody>");
                foreach (var m in recent)
                {
                    body.Append("<tr><td>").Append(clock.Show(m.LastAttemptAt!.Value, seconds: true)).Append(CultureInfo.InvariantCulture, $"</td><td>{State(m.State)}</td><td class=\"n\">{m.Attempts}</td><td class=\"n\">{Age(m.LastAttemptAt!.Value - m.CreatedAt)}</td><td>")
                        .Append(Html.Encode(m.LastError ?? "—")).Append("</td><td><code>").Append(Html.Encode(m.EventId)).Append("</code></td></tr>");
                }

                body.Append("</tbody></table>");
            }

            body.Append("</section>");
        }

        await AppendReconciliationAsync(body, services.GetRequiredService<Providers.IProviderReconciliation>(), account, clock, context.RequestAborted).ConfigureAwait(false);
        body.Append("<section><h2>Dead letters</h2>");
        var dead = new List<OutboxMessage>();
        await foreach (var message in dispatcher.GetDeadLettersAsync(account, context.RequestAborted).ConfigureAwait(false))
        {
            if (dead.Count == MaxListed)
            {
                break;
            }

            dead.Add(message);
        }

        if (dead.Count == 0)
        {
            body.Append("<p id=\"no-dead-letters\">None.</p>");
        }
        else
        {
            var rows = new StringBuilder("<table id=\"dead-letters\"><thead><tr><th>replay</th><th>created</th><th>attempts</th><th>last error</th><th>event</th></tr></thead><tbody>");
            foreach (var m in dead)
            {
                rows.Append("<tr><td><input type=\"checkbox\" name=\"id\" value=\"").Append(Html.Encode(m.Id)).Append("\" aria-label=\"replay ").Append(Html.Encode(m.Id)).Append("\"></td>")
                    .Append("<td>").Append(clock.Show(m.CreatedAt, seconds: true)).Append(CultureInfo.InvariantCulture, $"</td><td class=\"n\">{m.Attempts}</td><td>")
                    .Append(Html.Encode(m.LastError ?? "—")).Append("</td><td><code>").Append(Html.Encode(m.EventId)).Append("</code></td></tr>");
            }

            rows.Append("</tbody></table><p><button type=\"submit\">Replay the selected</button></p>");
            body.Append(DashboardEndpoints.Form(context, routes.WebhookAction("replay"), account, rows.ToString()))
                .Append(DashboardEndpoints.Form(context, routes.WebhookAction("replay"), account,
                    "<input type=\"hidden\" name=\"all\" value=\"1\"><button type=\"submit\">Replay all dead letters</button>"));
        }

        body.Append("</section>");
        await DashboardPage.WriteAsync(context, routes, pages.Title, "Webhooks", account, body.ToString()).ConfigureAwait(false);
    }

    /// <summary>The last reconciliation of the account with each provider that lists its opt-outs: what webhooks missed.</summary>
    private static async Task AppendReconciliationAsync(StringBuilder body, Providers.IProviderReconciliation reconciliation, AccountId account, DashboardTime clock,
        CancellationToken cancellationToken)
    {
        var runs = new List<Providers.ReconciliationResult>();
        await foreach (var run in reconciliation.GetLastRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (run.Account == account)
            {
                runs.Add(run);
            }
        }

        body.Append("<section><h2>Reconciliation with providers</h2>");
        if (runs.Count == 0)
        {
            body.Append("<p id=\"no-reconciliation\">Not run for this account: add it to <code>SmsOptOut:Reconciliation:Accounts</code>, or run <code>smsoptout reconcile</code>.</p></section>");
            return;
        }

        body.Append("<table id=\"reconciliation\"><thead><tr><th>provider</th><th>last run</th><th class=\"n\">listed</th><th class=\"n\">missed by webhooks, recorded</th><th class=\"n\">already recorded</th><th class=\"n\">superseded by a later opt-in</th><th>state</th></tr></thead><tbody>");
        foreach (var run in runs.OrderBy(r => r.Provider, StringComparer.Ordinal))
        {
            body.Append("<tr><td>").Append(Html.Encode(run.Provider)).Append("</td><td>").Append(clock.Show(run.At, seconds: true)).Append(CultureInfo.InvariantCulture,
                    $"</td><td class=\"n\">{run.Read:N0}</td><td class=\"n\">{run.Recorded:N0}</td><td class=\"n\">{run.AlreadySuppressed:N0}</td><td class=\"n\">{run.Superseded:N0}</td><td>")
                .Append(run.Completed && run.Through is { } through ? "complete through " + clock.Show(through) : run.Completed ? "complete" : Html.Encode("stopped, resumes next run: " + run.Error)).Append("</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{age.TotalDays:N0} d" : age.TotalHours >= 1 ? $"{age.TotalHours:N0} h" : age.TotalMinutes >= 1 ? $"{age.TotalMinutes:N0} min" : $"{Math.Max(0, age.TotalSeconds):N0} s";

    private static string State(OutboxMessageState state) => state switch
    {
        OutboxMessageState.Delivered => "delivered",
        OutboxMessageState.DeadLettered => "dead letter",
        _ => "failed, retrying",
    };
}
