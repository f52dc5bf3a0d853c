namespace SmsOptOut.Internal;

/// <summary>The loops of the background services: work in rounds or in steps, until stopped.</summary>
internal static class Periodic
{
    /// <summary>
    /// Runs <paramref name="round"/> now and then every <paramref name="interval"/> until <paramref name="stoppingToken"/>
    /// is cancelled. A round that fails is reported to <paramref name="failed"/> and retried at the next interval: it never stops the host.
    /// </summary>
    public static async Task RunAsync(TimeSpan interval, TimeProvider timeProvider, Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed round is retried at the next interval; it must not stop the host
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed(e);
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

    /// <summary>Calls <paramref name="step"/> with <paramref name="limit"/> until it does less than that; returns the total.</summary>
    public static async Task<int> DrainAsync(int limit, Func<int, Task<int>> step)
    {
        var total = 0;
        int done;
        do
        {
            done = await step(limit).ConfigureAwait(false);
            total += done;
        }
        while (done == limit);
        return total;
    }
}
