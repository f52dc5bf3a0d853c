using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Consent.Internal;
using SmsOptOut.Internal;
using SmsOptOut.Storage;
using SmsOptOut.Suppression;

namespace SmsOptOut.Preferences.Internal;

/// <summary>
/// Ends the pauses whose time has run out, every <see cref="PreferenceCenterOptions.PauseCheckInterval"/>: each becomes
/// an opt-in event through the one consent path that lifts that pause alone. Until a round runs, a paused number stays
/// suppressed — late, never early. Runs only with a storage that keeps pauses and lists its accounts.
/// </summary>
internal sealed class PauseSweeper(IServiceProvider services, IOptions<SmsOptOutOptions> options, TimeProvider timeProvider, ILogger<PauseSweeper> logger)
    : BackgroundService
{
    /// <summary>The most pauses read per account and call.</summary>
    public const int PageSize = 1_000;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        services.GetService<ISuppressionPauses>() is null || services.GetService<IAccountDirectory>() is null
            ? Task.CompletedTask
            : Periodic.RunAsync(options.Value.PreferenceCenter.PauseCheckInterval, timeProvider, SweepAsync, e => Log.PauseSweepFailed(logger, e), stoppingToken);

    /// <summary>One round: ends every pause of every account that has ended by now; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var pauses = services.GetRequiredService<ISuppressionPauses>();
        var service = services.GetRequiredService<OptOutService>();
        var now = timeProvider.GetUtcNow();
        var total = 0;
        await foreach (var account in services.GetRequiredService<IAccountDirectory>().GetAccountsAsync(cancellationToken).ConfigureAwait(false))
        {
            var ended = 0;
            IReadOnlyList<SuppressedNumber> page;
            int changed;
            do
            {
                page = await pauses.GetEndedPausesAsync(account, now, PageSize, cancellationToken).ConfigureAwait(false);
                changed = 0;
                foreach (var pause in page)
                {
                    // Applied, or ended meanwhile by another instance (a duplicate), or superseded: each leaves the list.
                    changed += (await service.EndPauseAsync(account, pause, cancellationToken).ConfigureAwait(false)).Changed ? 1 : 0;
                }

                ended += changed;
            }
            while (page.Count == PageSize && changed > 0);

            if (ended > 0)
            {
                Log.PausesEnded(logger, ended, account.Value);
                total += ended;
            }
        }

        return total;
    }
}
