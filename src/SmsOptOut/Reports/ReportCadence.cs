namespace SmsOptOut.Reports;

/// <summary>When an account's report is sent. Nothing is sent for a period without opt-outs or opt-ins.</summary>
public sealed record ReportCadence
{
    private ReportCadence(ReportCadenceKind kind, TimeSpan batchWindow, TimeOnly timeOfDay, TimeZoneInfo timeZone)
    {
        Kind = kind;
        BatchWindow = batchWindow;
        TimeOfDay = timeOfDay;
        TimeZone = timeZone;
    }

    /// <summary>Every hour, on the hour (UTC).</summary>
    public static ReportCadence Hourly { get; } = new(ReportCadenceKind.Hourly, TimeSpan.FromHours(1), default, TimeZoneInfo.Utc);

    /// <summary>The kind of cadence.</summary>
    public ReportCadenceKind Kind { get; }

    /// <summary>For <see cref="ReportCadenceKind.Immediate"/>: at most one report per this window.</summary>
    public TimeSpan BatchWindow { get; }

    /// <summary>For <see cref="ReportCadenceKind.Daily"/>: the local time of day the report goes out.</summary>
    public TimeOnly TimeOfDay { get; }

    /// <summary>For <see cref="ReportCadenceKind.Daily"/>: the owner's time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>As soon as there is something to report, batching what arrives within <paramref name="batchWindow"/> (1 minute to 1 day).</summary>
    /// <param name="batchWindow">The least time between two reports.</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window is shorter than a minute or longer than a day.</exception>
    public static ReportCadence Immediate(TimeSpan batchWindow) =>
        batchWindow < TimeSpan.FromMinutes(1) || batchWindow > TimeSpan.FromDays(1)
            ? throw new ArgumentOutOfRangeException(nameof(batchWindow), batchWindow, "The batch window must be between 1 minute and 1 day.")
            : new ReportCadence(ReportCadenceKind.Immediate, batchWindow, default, TimeZoneInfo.Utc);

    /// <summary>Once a day at <paramref name="timeOfDay"/> in <paramref name="timeZone"/> (daylight saving time included).</summary>
    /// <param name="timeOfDay">The local time, for example 08:00.</param>
    /// <param name="timeZone">The owner's time zone; UTC when <see langword="null"/>.</param>
    /// <returns>The cadence.</returns>
    public static ReportCadence Daily(TimeOnly timeOfDay, TimeZoneInfo? timeZone = null) =>
        new(ReportCadenceKind.Daily, TimeSpan.FromDays(1), timeOfDay, timeZone ?? TimeZoneInfo.Utc);

    /// <summary>The first moment after <paramref name="lastSentAt"/> at which the next report may go out.</summary>
    /// <param name="lastSentAt">When the previous report was sent; <see langword="null"/> when none was.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The due time (may be in the past).</returns>
    public DateTimeOffset NextDue(DateTimeOffset? lastSentAt, DateTimeOffset now)
    {
        switch (Kind)
        {
            case ReportCadenceKind.Immediate:
                return lastSentAt is { } sent ? sent + BatchWindow : now;
            case ReportCadenceKind.Hourly:
                var after = lastSentAt ?? now - TimeSpan.FromHours(1);
                var hour = new DateTimeOffset(after.UtcDateTime.Date.AddHours(after.UtcDateTime.Hour), TimeSpan.Zero);
                return hour.AddHours(1);
            default:
                var from = lastSentAt ?? now - TimeSpan.FromDays(1);
                var local = TimeZoneInfo.ConvertTime(from, TimeZone);
                var candidate = local.Date + TimeOfDay.ToTimeSpan();
                if (candidate <= local.DateTime)
                {
                    candidate = candidate.AddDays(1);
                }

                return new DateTimeOffset(candidate, TimeZone.GetUtcOffset(candidate));
        }
    }
}
