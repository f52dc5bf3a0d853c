using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Internal;

namespace SmsOptOut.Reports.Internal;

/// <summary>Runs <see cref="IUnsubscriptionReporter"/> every poll interval (unless <c>Reports.EnableReporter</c> is off).</summary>
internal sealed class ReportService(IServiceProvider services, IOptions<SmsOptOutOptions> options, TimeProvider time, ILogger<ReportService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reports = options.Value.Reports;
        if (!reports.EnableReporter)
        {
            return;
        }

        // Resolved here, not in the constructor: a host without storage must fail on its startup validation first.
        var reporter = services.GetRequiredService<IUnsubscriptionReporter>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reporter.SendDueReportsAsync(stoppingToken).ConfigureAwait(false);
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
