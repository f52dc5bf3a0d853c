namespace SmsOptOut.Reports;

/// <summary>
/// Where an account's reports stand: every event recorded at or before <see cref="ReportedUntil"/> has been
/// reported, and the cadence counts from <see cref="LastReportAt"/>.
/// </summary>
/// <param name="ReportedUntil">The end of the last reported period (inclusive, by recorded time).</param>
/// <param name="LastReportAt">
/// When the last report went out — or, before the first one, when reporting started for the account, so the first
/// report also waits for its cadence. <see langword="null"/> only in cursors written by other tools.
/// </param>
public sealed record ReportCursor(DateTimeOffset ReportedUntil, DateTimeOffset? LastReportAt);
