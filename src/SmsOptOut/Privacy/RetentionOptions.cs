namespace SmsOptOut.Privacy;

/// <summary>How long evidence keeps its personal details, at <c>SmsOptOutOptions.Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// After how long the personal details of a consent event's evidence — the IP address, user agent, message text and
    /// note — are removed; the event itself (kind, source, scope, times, provider and link ids) stays, because it proves
    /// the opt-out. <see langword="null"/> (the default) keeps them: how long you need them to answer a complaint or a
    /// regulator is yours to decide (GDPR Art. 5(1)(e)); a year is a common choice. At least one day. Applied by the
    /// storage cleanup, every <c>Links.CleanupInterval</c>.
    /// </summary>
    public TimeSpan? MinimizeEvidenceAfter { get; set; }
}
