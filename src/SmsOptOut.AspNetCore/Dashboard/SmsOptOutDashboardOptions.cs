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
    /// The IANA time zone the dashboard shows times in (for example <c>America/New_York</c>), each with the UTC time
    /// beside it; <see langword="null"/> (the default) shows UTC only. Checked when the dashboard is mapped: an id that
    /// is not an IANA zone of this machine's time zone data fails the start. Day buckets of the chart stay UTC days,
    /// as the stores count them.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// The authorization policy a user must meet for the list's CSV export to hold full phone numbers;
    /// <see langword="null"/> (the default): every export holds masked numbers (country code and last four digits).
    /// A file of every suppressed number is a bulk copy of personal data, a different risk from looking up one number
    /// at a time, so it is granted by its own policy (a data-export role, say), checked on each export; every export is
    /// logged (event 2016) with the user, the account, the filter, the rows and whether the numbers were full. The
    /// policy must exist when the dashboard is mapped.
    /// </summary>
    public string? FullNumberExportPolicy { get; set; }

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
