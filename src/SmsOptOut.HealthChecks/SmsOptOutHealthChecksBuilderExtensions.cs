using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SmsOptOut.HealthChecks;
using SmsOptOut.HealthChecks.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SmsOptOut health checks: <c>services.AddHealthChecks().AddSmsOptOutHealthChecks()</c>.</summary>
public static class SmsOptOutHealthChecksBuilderExtensions
{
    /// <summary>The name of the check that the storage answers.</summary>
    public const string StorageCheckName = "smsoptout-storage";

    /// <summary>The name of the check that owed webhooks go out.</summary>
    public const string WebhooksCheckName = "smsoptout-webhooks";

    /// <summary>The name of the check that the tamper-evident consent log was verified recently and found intact.</summary>
    public const string EvidenceCheckName = "smsoptout-evidence";

    /// <summary>
    /// Adds three checks: <see cref="EvidenceCheckName"/> (the consent log was verified within
    /// <see cref="SmsOptOutHealthCheckOptions.EvidenceVerifiedWithin"/> and found intact, else degraded), <see cref="StorageCheckName"/> (the storage answers a suppression read and an outbox count:
    /// unhealthy when it throws) and <see cref="WebhooksCheckName"/> (the earliest owed webhook is overdue by less than
    /// <see cref="SmsOptOutHealthCheckOptions.WebhooksDegradedAfter"/>, then degraded, beyond
    /// <see cref="SmsOptOutHealthCheckOptions.WebhooksUnhealthyAfter"/> unhealthy; dead letters make it degraded).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the thresholds.</param>
    /// <param name="tags">Tags for both checks (for example <c>ready</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddSmsOptOutHealthChecks(this IHealthChecksBuilder builder, Action<SmsOptOutHealthCheckOptions>? configure = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var optionsBuilder = builder.Services.AddOptions<SmsOptOutHealthCheckOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsOptOutHealthCheckOptions>, SmsOptOutHealthCheckOptionsValidator>());
        builder.Services.TryAddSingleton<StorageHealthCheck>();
        builder.Services.TryAddSingleton<WebhookHealthCheck>();
        builder.Services.TryAddSingleton<EvidenceHealthCheck>();
        var tagList = tags?.ToArray() ?? [];
        builder.Add(new HealthCheckRegistration(StorageCheckName, sp => sp.GetRequiredService<StorageHealthCheck>(), HealthStatus.Unhealthy, tagList));
        builder.Add(new HealthCheckRegistration(WebhooksCheckName, sp => sp.GetRequiredService<WebhookHealthCheck>(), HealthStatus.Unhealthy, tagList));
        builder.Add(new HealthCheckRegistration(EvidenceCheckName, sp => sp.GetRequiredService<EvidenceHealthCheck>(), HealthStatus.Degraded, tagList));
        return builder;
    }
}
