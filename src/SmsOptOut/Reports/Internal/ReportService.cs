using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.DependencyInjection.Internal;
using SmsOptOut.Internal;

namespace SmsOptOut.Reports.Internal;

/// <summary>Runs <see cref="IUnsubscriptionReporter"/> every poll interval (unless <c>Reports.EnableReporter</c> is off).</summary>
internal sealed class ReportService(Deferred<IUnsubscriptionReporter> reporter, IOptions<SmsOptOutOptions> options, TimeProvider time, ILogger<ReportService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reports = options.Value.Reports;
        if (!reports.EnableReporter)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reporter.Value.SendDueReportsAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(reports.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // an unreachable settings database is logged; the round is retried after the poll interval
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.ReportRoundFailed(logger, e);
                await Task.Delay(reports.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
