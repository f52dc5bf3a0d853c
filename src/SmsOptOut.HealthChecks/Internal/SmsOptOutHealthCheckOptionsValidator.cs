using Microsoft.Extensions.Options;

namespace SmsOptOut.HealthChecks.Internal;

/// <summary>Checks <see cref="SmsOptOutHealthCheckOptions"/> at startup: one message per property, naming the fix.</summary>
internal sealed class SmsOptOutHealthCheckOptionsValidator : IValidateOptions<SmsOptOutHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptOutHealthCheckOptions options)
    {
        var failures = new List<string>();
        if (options.WebhooksDegradedAfter <= TimeSpan.Zero)
        {
            failures.Add($"SmsOptOutHealthCheckOptions.WebhooksDegradedAfter {options.WebhooksDegradedAfter} must be positive, such as 5 minutes.");
        }

        if (options.WebhooksUnhealthyAfter < options.WebhooksDegradedAfter)
        {
            failures.Add($"SmsOptOutHealthCheckOptions.WebhooksUnhealthyAfter {options.WebhooksUnhealthyAfter} must be at least WebhooksDegradedAfter ({options.WebhooksDegradedAfter}).");
        }

        if (options.EvidenceVerifiedWithin <= TimeSpan.Zero)
        {
            failures.Add($"SmsOptOutHealthCheckOptions.EvidenceVerifiedWithin {options.EvidenceVerifiedWithin} must be positive, such as 2 days (longer than Evidence.VerifyInterval).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
