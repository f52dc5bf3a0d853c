using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Internal;

namespace SmsOptOut.Webhooks.Internal;

/// <summary>
/// Runs the dispatcher loop (see <see cref="WebhookDispatcher.RunAsync"/>). Stops cleanly: deliveries in flight finish or
/// are cancelled, and messages claimed but not recorded are released when their lease expires.
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

        var dispatcher = (WebhookDispatcher)services.GetRequiredService<IOptOutWebhookDispatcher>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.RunAsync(signal, stoppingToken).ConfigureAwait(false);
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
}
