using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.DependencyInjection.Internal;
using SmsOptOut.Internal;

namespace SmsOptOut.Providers.Internal;

/// <summary>Reconciles the configured accounts with every provider that lists its opt-outs, every <see cref="ReconciliationOptions.Interval"/>.</summary>
internal sealed class ProviderReconciliationService(
    Deferred<IProviderReconciliation> reconciliation,
    IOptions<SmsOptOutOptions> options,
    TimeProvider time,
    ILogger<ProviderReconciliationService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Reconciliation;
        return settings.Accounts.Count == 0 ? Task.CompletedTask
            : Periodic.RunAsync(settings.Interval, time, RunAsync, e => Log.ReconciliationFailed(logger, e), stoppingToken);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        foreach (var account in options.Value.Reconciliation.Accounts)
        {
            await reconciliation.Value.ReconcileAsync(new AccountId(account), null, stoppingToken).ConfigureAwait(false);
        }
    }
}
