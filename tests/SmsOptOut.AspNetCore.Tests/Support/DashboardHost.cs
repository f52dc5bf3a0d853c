using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmsOptOut.AspNetCore.Tests.Support;

/// <summary>
/// A landing host with the dashboard mapped twice: <c>/optout-admin</c> without a policy (anonymous requests from this
/// machine only) and <c>/secure-admin</c> behind <c>RequireAuthorization()</c>, signed in through a test scheme that
/// takes the user's name from a header; behind forwarded headers, so a test can come from another address. The
/// environment is Development: a dashboard without a policy starts nowhere else (SecurityTests prove that), and
/// the tests of the unprotected one are about what Development allows.
/// </summary>
internal static class DashboardHost
{
    public const string UserHeader = "X-Test-User";

    public static Task<LandingHost> StartAsync(Action<SmsOptOutOptions>? core = null, Action<IServiceCollection>? more = null, TimeProvider? time = null,
        Action<SmsOptOut.AspNetCore.Dashboard.SmsOptOutDashboardOptions>? dashboard = null) => LandingHost.StartAsync(
        environment: Environments.Development,
        time: time,
        core: o =>
        {
            // Erasure keeps suppressions under keyed pseudonyms.
            o.DataProtection.PseudonymKeys.Add(new SmsOptOut.Privacy.PseudonymKey { Id = 1, Secret = Convert.ToBase64String(new byte[32]) });
            core?.Invoke(o);
        },
        pipeline: app =>
        {
            app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapSmsOptOutDashboard("/optout-admin", o =>
            {
                o.Accounts.Add(LandingHost.Account);
                dashboard?.Invoke(o);
            });
            app.MapSmsOptOutDashboard("/secure-admin", o =>
            {
                o.Accounts.Add(LandingHost.Account);
                dashboard?.Invoke(o);
            }).RequireAuthorization();
        },
        services: services =>
        {
            more?.Invoke(services);
            AddTestSignIn(services);
        });

    /// <summary>The policy of full-number exports in these tests: users whose name starts with <c>exporter.</c>.</summary>
    public const string ExportPolicy = "suppression-export";

    /// <summary>
    /// Antiforgery, and a test sign-in that takes the user's name from <see cref="UserHeader"/>; authorization, with
    /// <see cref="ExportPolicy"/> for the users named <c>exporter.*</c>.
    /// </summary>
    public static void AddTestSignIn(IServiceCollection services)
    {
        services.AddAntiforgery();
        services.AddAuthentication(TestUser.SchemeName).AddScheme<AuthenticationSchemeOptions, TestUser>(TestUser.SchemeName, null);
        services.AddAuthorization(o => o.AddPolicy(ExportPolicy, p => p.RequireAssertion(c => c.User.Identity?.Name?.StartsWith("exporter.", StringComparison.Ordinal) == true)));
    }

    /// <summary>A test sign-in: the user named in a header.</summary>
    private sealed class TestUser(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers[UserHeader].ToString() is { Length: > 0 } name
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName)), SchemeName))
                : AuthenticateResult.NoResult());
    }
}
