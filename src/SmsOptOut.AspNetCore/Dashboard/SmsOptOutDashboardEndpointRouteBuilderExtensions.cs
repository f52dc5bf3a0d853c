using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOptOut.AspNetCore.Dashboard;
using SmsOptOut.AspNetCore.Dashboard.Internal;
using SmsOptOut.Consent;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps SmsOptOut's operations dashboard.</summary>
public static class SmsOptOutDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard under <paramref name="prefix"/>: an overview (opt-outs and opt-ins per day as a chart and a
    /// table, webhooks owed and dead letters) and a number lookup (suppression, consent log with evidence, opt-in) with
    /// opt-out and opt-in on the person's request, recorded with a required note and the signed-in user's name; and the
    /// webhooks (backlog, callback URL check, dead letters with replay, a test event); erasure and access export from the
    /// lookup; and the next unsubscription report as it will be sent. Without
    /// an authorization policy on the returned group it answers only requests from this machine; add one with
    /// <c>.RequireAuthorization(…)</c>. Forms are POST only and antiforgery-checked; pages carry a CSP without script.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">Where the dashboard lives, for example <c>/optout-admin</c>.</param>
    /// <param name="configure">Sets the accounts shown (at least one) and the title.</param>
    /// <returns>The group of the dashboard's endpoints, to add an authorization policy to.</returns>
    /// <exception cref="InvalidOperationException">SmsOptOut or antiforgery is not registered, or no account is configured.</exception>
    public static RouteGroupBuilder MapSmsOptOutDashboard(this IEndpointRouteBuilder endpoints, string prefix, Action<SmsOptOutDashboardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentNullException.ThrowIfNull(configure);
        var services = endpoints.ServiceProvider;
        var isService = services.GetService<IServiceProviderIsService>();
        if (isService?.IsService(typeof(IOptOutService)) != true)
        {
            throw new InvalidOperationException("MapSmsOptOutDashboard() needs services.AddSmsOptOut() with a storage (UseSqlite, UsePostgreSql, UseRedis or UseInMemory).");
        }

        if (!isService.IsService(typeof(IAntiforgery)))
        {
            throw new InvalidOperationException("MapSmsOptOutDashboard() needs antiforgery for its forms: call builder.Services.AddAntiforgery().");
        }

        var options = new SmsOptOutDashboardOptions();
        configure(options);
        if (options.Accounts.Count == 0 || options.Accounts.Any(a => a.Value is null))
        {
            throw new InvalidOperationException("SmsOptOutDashboardOptions.Accounts must name at least one account, and no default AccountId.");
        }

        var path = "/" + prefix.Trim('/');
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SmsOptOut.AspNetCore.Dashboard");
        var routes = new DashboardRoutes(path);
        var pages = new DashboardEndpoints(options, routes, services.GetRequiredService<TimeProvider>(), logger);
        var group = endpoints.MapGroup(path);
        var guard = new LocalRequestsOnly(logger);
        ((IEndpointConventionBuilder)group).Add(endpoint => endpoint.RequestDelegate = guard.Wrap(endpoint.RequestDelegate!));
        group.MapGet("/", pages.OverviewAsync);
        group.MapGet("/numbers", pages.LookupAsync);
        // Antiforgery is checked by the handler itself, so the host need not add UseAntiforgery().
        group.MapPost("/numbers/opt-out", context => pages.ActAsync(context, ConsentKind.OptOut)).DisableAntiforgery();
        group.MapPost("/numbers/opt-in", context => pages.ActAsync(context, ConsentKind.OptIn)).DisableAntiforgery();
        var webhooks = new WebhookPages(pages, routes, services.GetRequiredService<TimeProvider>(), logger);
        group.MapGet("/webhooks", webhooks.ShowAsync);
        group.MapPost("/webhooks/replay", webhooks.ReplayAsync).DisableAntiforgery();
        group.MapPost("/webhooks/test", webhooks.TestAsync).DisableAntiforgery();
        var privacy = new PrivacyPages(pages, routes, logger);
        group.MapGet("/numbers/access", privacy.AccessAsync);
        group.MapPost("/numbers/erase", privacy.EraseAsync).DisableAntiforgery();
        group.MapGet("/report", privacy.ReportAsync);
        return group;
    }
}
