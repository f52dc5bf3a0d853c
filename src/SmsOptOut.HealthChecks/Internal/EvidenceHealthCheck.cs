using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SmsOptOut.Evidence;

namespace SmsOptOut.HealthChecks.Internal;

/// <summary>
/// The tamper-evident consent log was verified recently and found intact: degraded when the last round in this process
/// is older than <see cref="SmsOptOutHealthCheckOptions.EvidenceVerifiedWithin"/> (or none ran that long after the check
/// first did), when it found an account whose log does not match what it recorded, or when it could not check the
/// checkpoints' signatures because no key is configured (a setup problem, said as such: not a log that was tampered
/// with). Healthy when no log is kept or background verification is off.
/// </summary>
internal sealed class EvidenceHealthCheck(IServiceProvider services, IOptions<SmsOptOutOptions> options, IOptions<SmsOptOutHealthCheckOptions> health, TimeProvider time)
    : IHealthCheck
{
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IConsentLogStore>() is null || options.Value.Evidence.VerifyInterval is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no consent log verification is scheduled"));
        }

        var within = health.Value.EvidenceVerifiedWithin;
        var round = services.GetRequiredService<IConsentEvidence>().LastRound;
        var now = time.GetUtcNow();
        if (round is null)
        {
            return Task.FromResult(now - _started > within
                ? HealthCheckResult.Degraded($"the consent log has not been verified since this health check first ran, {(now - _started).TotalHours:F1} h ago")
                : HealthCheckResult.Healthy("the first verification of the consent log is due"));
        }

        if (round.Divergences.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"the consent log of {string.Join(", ", round.Divergences.Keys.Order(StringComparer.Ordinal))} does not match what it recorded: {round.Divergences.First().Value.Reason}"));
        }

        if (round.UncheckedAccounts.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"the signatures of the consent log's checkpoints of {string.Join(", ", round.UncheckedAccounts.Order(StringComparer.Ordinal))} could not be checked: no evidence key is configured (SmsOptOut:Evidence:SigningKeys, or VerificationKeys with the public keys that signed them); a setup problem, not a divergence"));
        }

        return Task.FromResult(now - round.CompletedAt > within
            ? HealthCheckResult.Degraded($"the consent log was last verified {(now - round.CompletedAt).TotalHours:F1} h ago, longer than {within}")
            : HealthCheckResult.Healthy($"{round.Accounts} accounts' consent logs verified intact at {round.CompletedAt:O}"));
    }
}
