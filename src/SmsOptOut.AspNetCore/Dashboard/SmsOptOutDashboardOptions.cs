using SmsOptOut.Consent;

namespace SmsOptOut.AspNetCore.Dashboard;

/// <summary>Options of <c>MapSmsOptOutDashboard()</c>.</summary>
public sealed class SmsOptOutDashboardOptions
{
    /// <summary>The accounts the dashboard shows, in the order of its account picker; at least one.</summary>
    public IList<AccountId> Accounts { get; } = [];

    /// <summary>The page title, for example your product's name. Default <c>SmsOptOut</c>.</summary>
    public string Title { get; set; } = "SmsOptOut";

    /// <summary>
    /// Lets a dashboard without an authorization policy start outside the Development environment, answering anonymous
    /// requests that are provably from this machine (a loopback or own address, no unprocessed forwarding header, a
    /// known remote address). Default <see langword="false"/>: outside Development such a dashboard fails at start-up.
    /// Dangerous because a reverse proxy on the same machine that adds no forwarding header (nginx's bare
    /// <c>proxy_pass http://127.0.0.1:…</c>) makes every visitor look local: set it only where no proxy forwards to
    /// the app, and prefer <c>.RequireAuthorization(…)</c>.
    /// </summary>
    public bool DangerouslyAllowAnonymousLocalAccessOutsideDevelopment { get; set; }
}
