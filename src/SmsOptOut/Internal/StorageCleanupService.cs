using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.DependencyInjection.Internal;
using SmsOptOut.Links;
using SmsOptOut.Privacy;
using SmsOptOut.Webhooks;

namespace SmsOptOut.Internal;

/// <summary>
/// Deletes expired stored link tokens, lapsed double opt-in requests and delivered webhooks past their retention, and removes the personal details of
/// evidence older than <c>Retention.MinimizeEvidenceAfter</c>, at startup and then every
/// <see cref="OptOutLinkOptions.CleanupInterval"/>.
/// </summary>
internal sealed class StorageCleanupService(
    Deferred<IOptOutLinkTokenStore> tokenStore,
    Deferred<IWebhookOutboxStore> outboxStore,
    Deferred<IDataSubjectStore> subjectStore,
    Deferred<OptIn.Internal.OptInService> optIns,
    IServiceProvider services,
    IOptions<SmsOptOutOptions> options,
    TimeProvider timeProvider,
    ILogger<StorageCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Links.CleanupInterval;
        var tokens = tokenStore.Value;
        var outbox = outboxStore.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = timeProvider.GetUtcNow();
                var deleted = await tokens.DeleteExpiredAsync(now, stoppingToken).ConfigureAwait(false);
                var delivered = await outbox.DeleteDeliveredAsync(now - options.Value.Webhooks.DeliveredRetention, stoppingToken).ConfigureAwait(false);
                deleted += await optIns.Value.PurgeExpiredRequestsAsync(now, stoppingToken).ConfigureAwait(false);
                deleted += await PurgeSendLedgerAsync(now, stoppingToken).ConfigureAwait(false);
                if (deleted + delivered > 0)
                {
                    Log.StorageCleaned(logger, deleted, delivered);
                }

                if (options.Value.Retention.MinimizeEvidenceAfter is { } after)
                {
                    await MinimizeEvidenceAsync(now - after, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed cleanup is retried at the next interval; it must not stop the host
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.StorageCleanupFailed(logger, e);
            }

            try
            {
                await Task.Delay(interval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Forgets the messages counted for frequency caps once they are older than the longest cap's window.</summary>
    private async Task<int> PurgeSendLedgerAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        const int Limit = 10_000;
        var caps = options.Value.Sending.FrequencyCaps;
        if (caps.Count == 0 || services.GetService(typeof(Sending.ISendLedger)) is not Sending.ISendLedger ledger)
        {
            return 0;
        }

        var cutoff = now - caps.Max(c => c.Window);
        var total = 0;
        int deleted;
        do
        {
            deleted = await ledger.PurgeAsync(cutoff, Limit, cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == Limit);
        return total;
    }

    private async Task MinimizeEvidenceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        const int Limit = 1_000;
        var total = 0;
        int changed;
        do
        {
            changed = await subjectStore.Value.MinimizeEvidenceAsync(cutoff, Limit, cancellationToken).ConfigureAwait(false);
            total += changed;
        }
        while (changed == Limit);

        if (total > 0)
        {
            Log.EvidenceMinimized(logger, total, cutoff);
        }
    }
}
