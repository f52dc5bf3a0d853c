namespace SmsOptOut.Reports;

/// <summary>Options of the unsubscription reports (<c>SmsOptOutOptions.Reports</c>).</summary>
public sealed class ReportOptions
{
    /// <summary>Settings per account id, read by the default <see cref="IReportSettingsProvider"/>.</summary>
    public IDictionary<string, AccountReportSettings> Accounts { get; } = new Dictionary<string, AccountReportSettings>(StringComparer.Ordinal);

    /// <summary>Whether the background service sends reports. Default true (it idles when no account has settings).</summary>
    public bool EnableReporter { get; set; } = true;

    /// <summary>How often the background service checks for due reports. Default 1 minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How old an event's recorded time must be before a report includes it, so a write still committing is not
    /// passed by. Default 30 seconds.
    /// </summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a reporter instance holds an account's claim while it sends (<see cref="IReportCursorStore.TryClaimAsync"/>):
    /// with several app instances, one sends each report. Longer than sending a report takes; if an instance dies
    /// holding it, another sends that report after the lease. Default 5 minutes.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most entries an email body lists (the CSV attachment has them all). Default 100.</summary>
    public int MaxEmailBodyEntries { get; set; } = 100;
}
