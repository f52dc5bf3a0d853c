namespace SmsOptOut.Reports;

/// <summary>
/// Where an account's reports stand: every event recorded at or before <see cref="ReportedUntil"/> has been
/// reported; the last report went out at <see cref="LastSentAt"/>.
/// </summary>
/// <param name="ReportedUntil">The end of the last reported period (inclusive, by recorded time).</param>
/// <param name="LastSentAt">When the last report was sent; <see langword="null"/> when none was (only the period advanced).</param>
public sealed record ReportCursor(DateTimeOffset ReportedUntil, DateTimeOffset? LastSentAt);
