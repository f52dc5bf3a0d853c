namespace SmsOptOut.Reports;

/// <summary>The kinds of <see cref="ReportCadence"/>.</summary>
public enum ReportCadenceKind
{
    /// <summary>As soon as there is something to report, at most once per batch window.</summary>
    Immediate = 1,

    /// <summary>On the hour.</summary>
    Hourly = 2,

    /// <summary>Once a day at a local time.</summary>
    Daily = 3,
}
