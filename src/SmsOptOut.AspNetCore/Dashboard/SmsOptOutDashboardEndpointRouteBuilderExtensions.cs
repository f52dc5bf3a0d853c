using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    /// table, by recorded or occurred day, webhooks owed and dead letters); the list of suppressed numbers (masked, newest
    /// first, paged, filtered by source, scope, list and days, searched by number, exported as CSV — full numbers only for
    /// <see cref="SmsOptOutDashboardOptions.FullNumberExportPolicy"/>; it needs a storage with <c>ISuppressionListing</c>);
    /// and a number lookup (suppression, consent log with evidence, opt-in) with
    /// opt-out and opt-in on the person's request, recorded with a required note and the signed-in user's name; and the
    /// webhooks (backlog, callback URL check, dead letters with replay, a test event); erasure and access export from the
    /// lookup, with each logged consent event's certificate (JSON and HTML) when evidence signing keys are configured; the open data-subject requests with their deadlines, overdue ones marked; and the next unsubscription
    /// report as it will be sent. Give the returned group an authorization policy
    /// with <c>.RequireAuthorization(…)</c>: without one the application fails at start-up outside the Development
    /// environment (unless <see cref="SmsOptOutDashboardOptions.DangerouslyAllowAnonymousLocalAccessOutsideDevelopment"/>),
    /// and in Development the dashboard answers only anonymous requests provably from this machine. Forms are POST only
    /// and antiforgery-checked; URLs carry an expiring reference bound to the user, never a number; pages carry a CSP
    /// without script.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">Where the dashboard lives, for example <c>/optout-admin</c>.</param>
    /// <param name="configure">Sets the accounts shown (at least one), the title, the time zone and who may export full numbers.</param>
    /// <returns>The group of the dashboard's endpoints, to add an authorization policy to.</returns>
    /// <exception cref="InvalidOperationException">
    /// SmsOptOut or antiforgery is not registered, no account is configured, <see cref="SmsOptOutDashboardOptions.TimeZone"/> is not an
    /// IANA time zone, or <see cref="SmsOptOutDashboardOptions.FullNumberExportPolicy"/> names no policy. Thrown by the application's start
    /// (when it builds its request pipeline) when an endpoint of the dashboard has no authorization policy outside Development.
    /// </exception>
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

        var zone = DashboardTime.Resolve(options.TimeZone);
        if (options.FullNumberExportPolicy is { } exportPolicy)
        {
            // The policy must exist now: a typo would otherwise refuse every full export, or be found only by the first user.
            var policies = services.GetService<IAuthorizationPolicyProvider>()
                ?? throw new InvalidOperationException("SmsOptOutDashboardOptions.FullNumberExportPolicy needs authorization: call builder.Services.AddAuthorization(…).");
            if (policies.GetPolicyAsync(exportPolicy).GetAwaiter().GetResult() is null)
            {
                throw new InvalidOperationException(
                    $"SmsOptOutDashboardOptions.FullNumberExportPolicy names the policy '{exportPolicy}', which AddAuthorization(o => o.AddPolicy(…)) does not define.");
            }
        }

        var path = "/" + prefix.Trim('/');
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SmsOptOut.AspNetCore.Dashboard");
        var time = services.GetRequiredService<TimeProvider>();
        var routes = new DashboardRoutes(path);
        var references = new NumberReferences(services.GetRequiredService<IDataProtectionProvider>(), path, time);
        var clock = new DashboardTime(zone);
        var pages = new DashboardEndpoints(options, routes, references, time, clock, logger);
        var sourcesBefore = endpoints.DataSources.Count;
        var group = endpoints.MapGroup(path);
        var access = Access(services, options, path, logger);
        // A Finally convention runs after every other, so it sees the policy that .RequireAuthorization() adds to the
        // returned group: an endpoint without one is closed, or answers only requests provably from this machine.
        ((IEndpointConventionBuilder)group).Finally(access.Apply);
        if (endpoints is IApplicationBuilder app && endpoints.DataSources.Count == sourcesBefore + 1)
        {
            // The host builds its request pipeline when it starts, after every Map…() and .RequireAuthorization() call:
            // that is where a dashboard without a policy is refused (or warned about), so the application never starts
            // open by accident. The delegate passes the request on unchanged.
            var source = endpoints.DataSources.Last();
            app.Use(next =>
            {
                access.CheckAtStartup(source.Endpoints);
                return next;
            });
        }

        group.MapGet("/", pages.OverviewAsync);
        var suppressions = new SuppressionPages(pages, routes, references, clock, time, options.FullNumberExportPolicy, logger);
        group.MapGet("/suppressions", suppressions.ListAsync);
        group.MapPost("/suppressions", suppressions.FilterAsync).DisableAntiforgery();
        group.MapGet("/suppressions/export", suppressions.ExportAsync);
        group.MapGet("/numbers", pages.LookupAsync);
        group.MapPost("/numbers", pages.LookupPostAsync).DisableAntiforgery();
        // Antiforgery is checked by the handler itself, so the host need not add UseAntiforgery().
        group.MapPost("/numbers/opt-out", context => pages.ActAsync(context, ConsentKind.OptOut)).DisableAntiforgery();
        group.MapPost("/numbers/opt-in", context => pages.ActAsync(context, ConsentKind.OptIn)).DisableAntiforgery();
        var webhooks = new WebhookPages(pages, routes, time, clock, logger);
        group.MapGet("/webhooks", webhooks.ShowAsync);
        group.MapPost("/webhooks/replay", webhooks.ReplayAsync).DisableAntiforgery();
        group.MapPost("/webhooks/test", webhooks.TestAsync).DisableAntiforgery();
        var privacy = new PrivacyPages(pages, routes, time, logger);
        group.MapGet("/numbers/access", privacy.AccessAsync);
        group.MapGet("/numbers/certificate", new CertificatePages(pages, logger).CertificateAsync);
        group.MapPost("/numbers/erase", privacy.EraseAsync).DisableAntiforgery();
        group.MapGet("/report", privacy.ReportAsync);
        group.MapGet("/requests", privacy.RequestsAsync);
        return group;
    }

    /// <summary>Who may use the dashboard without a policy: nobody outside Development, unless the host opts in by name.</summary>
    private static DashboardAccess Access(IServiceProvider services, SmsOptOutDashboardOptions options, string path, ILogger logger)
    {
        var environment = services.GetService<IHostEnvironment>();
        var name = environment?.EnvironmentName ?? "unknown (no IHostEnvironment)";
        return environment?.IsDevelopment() == true
            ? new DashboardAccess(path, true, name, "the environment is Development", logger)
            : new DashboardAccess(path, options.DangerouslyAllowAnonymousLocalAccessOutsideDevelopment, name,
                $"the environment is {name} and SmsOptOutDashboardOptions.DangerouslyAllowAnonymousLocalAccessOutsideDevelopment is set", logger);
    }
}
