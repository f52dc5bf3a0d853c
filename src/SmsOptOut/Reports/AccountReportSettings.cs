using SmsOptOut.Numbers;

namespace SmsOptOut.Reports;

/// <summary>How and when one account's owner receives unsubscription reports.</summary>
public sealed record AccountReportSettings
{
    /// <summary>Email, SMS, both or none.</summary>
    public ReportChannels Channels { get; init; }

    /// <summary>Email addresses the report goes to.</summary>
    public IReadOnlyList<string> EmailRecipients { get; init; } = [];

    /// <summary>Numbers the SMS digest goes to.</summary>
    public IReadOnlyList<PhoneNumber> SmsRecipients { get; init; } = [];

    /// <summary>When reports go out. Default: daily at 08:00 UTC.</summary>
    public ReportCadence Cadence { get; init; } = ReportCadence.Daily(new TimeOnly(8, 0));

    /// <summary>Whether reports show full numbers (the owner needs them to update a CRM) or masked ones (default).</summary>
    public bool FullNumbers { get; init; }

    /// <summary>Whether opt-ins (re-subscriptions) are reported too. Default true.</summary>
    public bool IncludeOptIns { get; init; } = true;

    /// <summary>The most segments an SMS digest may use (1 to 10, default 2); a digest that does not fit lists only counts.</summary>
    public int MaxSmsSegments { get; init; } = 2;

    /// <summary>Where the owner finds the full report (for example a CSV export in your app), named in an SMS digest that does not fit.</summary>
    public Uri? FullReportUrl { get; init; }
}
