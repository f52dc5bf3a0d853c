using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;

namespace SmsOptOut.HealthChecks.Internal;

/// <summary>The storage answers: one suppression read and one outbox count, both real round trips.</summary>
internal sealed class StorageHealthCheck(ISuppressionStore suppression, IWebhookOutboxStore outbox) : IHealthCheck
{
    private static readonly AccountId Probe = new("smsoptout-health");
    private static readonly PhoneNumber ProbeNumber = PhoneNumber.FromValue(10_000_000_000UL);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await suppression.IsSuppressedAsync(Probe, ProbeNumber, null, cancellationToken).ConfigureAwait(false);
            var counts = await outbox.CountAsync(null, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The storage answers.", new Dictionary<string, object>
            {
                ["webhooks_pending"] = counts.Pending, ["webhooks_dead_lettered"] = counts.DeadLettered,
            });
        }
#pragma warning disable CA1031 // any failure of the storage is the answer the check exists to give
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The storage does not answer: {e.GetType().Name}: {e.Message}", e);
        }
    }
}
