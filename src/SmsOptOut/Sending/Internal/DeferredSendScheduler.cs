using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent;
using SmsOptOut.DependencyInjection.Internal;
using SmsOptOut.Internal;

namespace SmsOptOut.Sending.Internal;

/// <summary>
/// Sends held messages once their time has come (<see cref="SendingOptions.HoldDeferred"/>): claims the due ones
/// (each goes to one instance), sends them as list sends of their original message — so suppression, consent, the
/// registry, caps and quiet hours are checked again — and deletes them. A message claimed by a process that died
/// mid-send stays claimed: it is never sent twice, and <see cref="IDeferredSendStore.CountAsync"/> shows it.
/// </summary>
internal sealed class DeferredSendScheduler(
    IOptions<SmsOptOutOptions> options,
    Deferred<SmsSender> sender,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<DeferredSendScheduler> logger) : BackgroundService, IDeferredSendScheduler
{
    private const int ClaimLimit = 1_000;

    /// <summary>Sends every held message due now; returns how many were claimed.</summary>
    public async Task<int> ReleaseDueAsync(CancellationToken cancellationToken = default)
    {
        if (services.GetService(typeof(IDeferredSendStore)) is not IDeferredSendStore store)
        {
            return 0;
        }

        var total = 0;
        IReadOnlyList<DeferredSend> claimed;
        do
        {
            claimed = await store.ClaimDueAsync(timeProvider.GetUtcNow(), ClaimLimit, cancellationToken).ConfigureAwait(false);
            total += claimed.Count;
            foreach (var group in claimed.GroupBy(s => (s.Account, s.Message)))
            {
                await ReleaseAsync(store, group.Key.Account, group.Key.Message, [.. group], cancellationToken).ConfigureAwait(false);
            }
        }
        while (claimed.Count == ClaimLimit && !cancellationToken.IsCancellationRequested);

        return total;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Sending.HoldDeferred
            ? Periodic.RunAsync(options.Value.Sending.SchedulerInterval, timeProvider, ReleaseDueAsync, e => Log.SchedulerFailed(logger, e), stoppingToken)
            : Task.CompletedTask;

    private async Task ReleaseAsync(IDeferredSendStore store, AccountId account, string message, DeferredSend[] sends, CancellationToken cancellationToken)
    {
        try
        {
            var result = await sender.Value.ReleaseAsync(account, DeferredMessage.FromJson(message), sends.Select(s => s.Number.ToString()).ToAsyncEnumerable(), cancellationToken)
                .ConfigureAwait(false);
            Log.HeldReleased(logger, sends.Length, account.Value, result.Sent, result.Total - result.Sent - result.Failed);
        }
#pragma warning disable CA1031 // the messages stay claimed and visible; the other groups go on
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Log.HeldReleaseFailed(logger, e, sends.Length, account.Value);
            return;
        }

        await store.CompleteAsync([.. sends.Select(s => s.Id)], CancellationToken.None).ConfigureAwait(false);
    }
}
