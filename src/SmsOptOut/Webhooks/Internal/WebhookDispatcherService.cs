using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.DependencyInjection.Internal;
using SmsOptOut.Internal;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>
/// Runs the registered <see cref="IOptOutWebhookDispatcher"/> in the background. The built-in dispatcher runs its
/// continuous loop (see <see cref="WebhookDispatcher.RunAsync"/>); a dispatcher the host registered instead — a
/// decorator, say — is called through <see cref="IOptOutWebhookDispatcher.DispatchDueAsync"/> whenever an opt-out
/// wakes it or the poll interval passes. Stops cleanly: deliveries in flight finish or are cancelled, and messages
/// claimed but not recorded are released when their lease expires.
/// </summary>
internal sealed class WebhookDispatcherService(
    Deferred<IOptOutWebhookDispatcher> dispatcher,
    WebhookWakeSignal signal,
    IOptions<SmsOptOutOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var webhooks = options.Value.Webhooks;
        if (!webhooks.EnableDispatcher)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(webhooks, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failing store (unreachable database) is logged and retried after the poll interval
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.WebhookDispatchFailed(logger, e);
                await Task.Delay(webhooks.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync(WebhookOptions webhooks, CancellationToken stoppingToken)
    {
        if (dispatcher.Value is WebhookDispatcher builtIn)
        {
            await builtIn.RunAsync(signal, stoppingToken).ConfigureAwait(false);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            if (await dispatcher.Value.DispatchDueAsync(stoppingToken).ConfigureAwait(false) == 0)
            {
                await signal.WaitAsync(webhooks.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
