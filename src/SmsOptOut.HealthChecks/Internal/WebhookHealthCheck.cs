using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SmsOptOut.Webhooks;

namespace SmsOptOut.HealthChecks.Internal;

/// <summary>Owed webhooks go out: the earliest is not overdue beyond the thresholds, and none is dead-lettered.</summary>
internal sealed class WebhookHealthCheck(IWebhookOutboxStore outbox, IOptions<SmsOptOutHealthCheckOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var counts = await outbox.CountAsync(null, cancellationToken).ConfigureAwait(false);
        var overdue = counts.OldestDueAt is { } due ? time.GetUtcNow() - due : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["webhooks_pending"] = counts.Pending,
            ["webhooks_dead_lettered"] = counts.DeadLettered,
            ["webhooks_overdue_seconds"] = Math.Max(0, (long)overdue.TotalSeconds),
        };
        var o = options.Value;
        if (overdue > o.WebhooksUnhealthyAfter)
        {
            return new HealthCheckResult(HealthStatus.Unhealthy,
                $"An owed webhook is {Minutes(overdue)} overdue (more than {Minutes(o.WebhooksUnhealthyAfter)}): is the dispatcher running?", data: data);
        }

        if (overdue > o.WebhooksDegradedAfter)
        {
            return HealthCheckResult.Degraded($"An owed webhook is {Minutes(overdue)} overdue (more than {Minutes(o.WebhooksDegradedAfter)}).", data: data);
        }

        if (o.DeadLettersDegrade && counts.DeadLettered > 0)
        {
            return HealthCheckResult.Degraded($"{counts.DeadLettered} webhooks are dead-lettered: fix the callback URL and replay them.", data: data);
        }

        return HealthCheckResult.Healthy($"{counts.Pending} webhooks owed, none overdue.", data);
    }

    private static string Minutes(TimeSpan span) => $"{span.TotalMinutes:0.#} min";
}
