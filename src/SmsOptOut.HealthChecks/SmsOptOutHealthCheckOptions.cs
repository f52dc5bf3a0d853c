namespace SmsOptOut.HealthChecks;

/// <summary>When the SmsOptOut health checks report degraded or unhealthy.</summary>
public sealed class SmsOptOutHealthCheckOptions
{
    /// <summary>An owed webhook overdue by more than this makes the webhook check degraded. Default 5 minutes.</summary>
    public TimeSpan WebhooksDegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An owed webhook overdue by more than this makes the webhook check unhealthy. Default 30 minutes.</summary>
    public TimeSpan WebhooksUnhealthyAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Whether dead-lettered webhooks (given up, waiting for a replay) make the webhook check degraded. Default on.</summary>
    public bool DeadLettersDegrade { get; set; } = true;

    /// <summary>How recent the last verification of the consent log must be (docs/evidence.md); older, or never, is degraded. Default 2 days.</summary>
    public TimeSpan EvidenceVerifiedWithin { get; set; } = TimeSpan.FromDays(2);
}
