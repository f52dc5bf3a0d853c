using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Internal;
using SmsOptOut.Storage;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// Signs a checkpoint of every account whose consent log grew, every <see cref="EvidenceOptions.CheckpointInterval"/>.
/// Runs only with a signing key and a storage that keeps the log and lists its accounts.
/// </summary>
internal sealed class CheckpointScheduler(IServiceProvider services, IOptions<SmsOptOutOptions> options, TimeProvider timeProvider, ILogger<CheckpointScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Evidence.SigningKeys.Count == 0 || services.GetService<IConsentLogStore>() is null || services.GetService<IAccountDirectory>() is null
            ? Task.CompletedTask
            : Periodic.RunAsync(options.Value.Evidence.CheckpointInterval, timeProvider, RoundAsync, e => Log.CheckpointsFailed(logger, e), stoppingToken);

    /// <summary>One round: a checkpoint of each account (the evidence service keeps the latest when nothing was added).</summary>
    public async Task RoundAsync(CancellationToken cancellationToken)
    {
        var evidence = services.GetRequiredService<IConsentEvidence>();
        await foreach (var account in services.GetRequiredService<IAccountDirectory>().GetAccountsAsync(cancellationToken).ConfigureAwait(false))
        {
            await evidence.CheckpointAsync(account, cancellationToken).ConfigureAwait(false);
        }
    }
}
