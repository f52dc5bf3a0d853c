using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOptOut.Internal;
using SmsOptOut.Storage;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// Signs a checkpoint of every account whose consent log grew, every <see cref="EvidenceOptions.CheckpointInterval"/>
/// (only with a signing key), and verifies every account's log every <see cref="EvidenceOptions.VerifyInterval"/>. Runs
/// only with a storage that keeps the log and lists its accounts.
/// </summary>
internal sealed class CheckpointScheduler(IServiceProvider services, IOptions<SmsOptOutOptions> options, TimeProvider timeProvider, ILogger<CheckpointScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var evidence = options.Value.Evidence;
        if (services.GetService<IConsentLogStore>() is null || services.GetService<IAccountDirectory>() is null)
        {
            return Task.CompletedTask;
        }

        var checkpoints = evidence.SigningKeys.Count == 0
            ? Task.CompletedTask
            : Periodic.RunAsync(evidence.CheckpointInterval, timeProvider, RoundAsync, e => Log.CheckpointsFailed(logger, e), stoppingToken);
        var verification = evidence.VerifyInterval is not { } interval
            ? Task.CompletedTask
            : Periodic.RunAsync(interval, timeProvider, VerifyAsync, e => Log.CheckpointsFailed(logger, e), stoppingToken);
        return Task.WhenAll(checkpoints, verification);
    }

    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var round = await services.GetRequiredService<IConsentEvidence>().VerifyAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (account, divergence) in round.Divergences)
        {
            Log.ConsentLogDiverged(logger, account, divergence.Reason);
        }
    }

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
