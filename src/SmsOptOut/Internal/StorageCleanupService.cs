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
    Deferred<Providers.IWebhookReplayGuard> replayGuard,
    IServiceProvider services,
    IOptions<SmsOptOutOptions> options,
    TimeProvider timeProvider,
    ILogger<StorageCleanupService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Periodic.RunAsync(options.Value.Links.CleanupInterval, timeProvider, CleanAsync, e => Log.StorageCleanupFailed(logger, e), stoppingToken);

    private async Task CleanAsync(CancellationToken stoppingToken)
    {
        var now = timeProvider.GetUtcNow();
        var deleted = await tokenStore.Value.DeleteExpiredAsync(now, stoppingToken).ConfigureAwait(false);
        var delivered = await outboxStore.Value.DeleteDeliveredAsync(now - options.Value.Webhooks.DeliveredRetention, stoppingToken).ConfigureAwait(false);
        deleted += await optIns.Value.PurgeExpiredRequestsAsync(now, stoppingToken).ConfigureAwait(false);
        deleted += await PurgeSendLedgerAsync(now, stoppingToken).ConfigureAwait(false);
        deleted += await Periodic.DrainAsync(10_000, limit => replayGuard.Value.PurgeExpiredAsync(now, limit, stoppingToken).AsTask()).ConfigureAwait(false);
        if (deleted + delivered > 0)
        {
            Log.StorageCleaned(logger, deleted, delivered);
        }

        if (options.Value.Retention.MinimizeEvidenceAfter is { } after)
        {
            await MinimizeEvidenceAsync(now - after, stoppingToken).ConfigureAwait(false);
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
        return await Periodic.DrainAsync(Limit, limit => ledger.PurgeAsync(cutoff, limit, cancellationToken)).ConfigureAwait(false);
    }

    private async Task MinimizeEvidenceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        const int Limit = 1_000;
        var total = await Periodic.DrainAsync(Limit, limit => subjectStore.Value.MinimizeEvidenceAsync(cutoff, limit, cancellationToken)).ConfigureAwait(false);

        if (total > 0)
        {
            Log.EvidenceMinimized(logger, total, cutoff);
        }
    }
}
