using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Internal;

namespace SmsOptOut.Links.Internal;

/// <summary>Deletes expired stored tokens at startup and then every <see cref="OptOutLinkOptions.CleanupInterval"/>.</summary>
/// <remarks>The store is resolved when the service runs, after startup validation, so a host without storage fails with the validation message.</remarks>
internal sealed class LinkTokenCleanupService(
    IServiceProvider services,
    IOptions<SmsOptOutOptions> options,
    TimeProvider timeProvider,
    ILogger<LinkTokenCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Links.CleanupInterval;
        var store = services.GetRequiredService<IOptOutLinkTokenStore>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(timeProvider.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    Log.ExpiredTokensDeleted(logger, deleted);
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
                Log.TokenCleanupFailed(logger, e);
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
}
