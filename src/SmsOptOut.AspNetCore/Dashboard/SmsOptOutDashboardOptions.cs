using SmsOptOut.Consent;

namespace SmsOptOut.AspNetCore.Dashboard;

/// <summary>Options of <c>MapSmsOptOutDashboard()</c>.</summary>
public sealed class SmsOptOutDashboardOptions
{
    /// <summary>The accounts the dashboard shows, in the order of its account picker; at least one.</summary>
    public IList<AccountId> Accounts { get; } = [];

    /// <summary>The page title, for example your product's name. Default <c>SmsOptOut</c>.</summary>
    public string Title { get; set; } = "SmsOptOut";
}
