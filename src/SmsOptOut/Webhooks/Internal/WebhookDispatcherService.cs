using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Internal;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>
/// Runs the dispatcher: delivers whatever is due, then waits for a new opt-out or the poll interval. Stops cleanly:
/// messages it had claimed are released when their lease expires.
/// </summary>
internal sealed class WebhookDispatcherService(
    IServiceProvider services,
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

        var dispatcher = services.GetRequiredService<IOptOutWebhookDispatcher>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var attempted = 0;
            try
            {
                attempted = await dispatcher.DispatchDueAsync(stoppingToken).ConfigureAwait(false);
                if (attempted == 0)
                {
                    await signal.WaitAsync(webhooks.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failing round (store unreachable) is logged and retried after the poll interval
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.WebhookDispatchFailed(logger, e);
                await Task.Delay(webhooks.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
