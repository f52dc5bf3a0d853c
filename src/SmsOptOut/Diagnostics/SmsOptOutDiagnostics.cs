namespace SmsOptOut.Diagnostics;

/// <summary>Names under which SmsOptOut publishes metrics and traces. Subscribe with these names in OpenTelemetry.</summary>
public static class SmsOptOutDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> every SmsOptOut instrument belongs to.</summary>
    public const string MeterName = "SmsOptOut";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> SmsOptOut traces with.</summary>
    public const string ActivitySourceName = "SmsOptOut";
}
