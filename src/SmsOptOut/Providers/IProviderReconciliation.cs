using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>
/// Finds the opt-outs a provider holds that SmsOptOut lacks — a webhook that never came — and records them through the
/// opt-out service (source <see cref="OptOutSource.ProviderError"/>, evidence "found by reconciliation"). It never
/// records an opt-in, so it never re-subscribes anyone; an opt-out older than an opt-in recorded here since is left alone.
/// Idempotent, checkpointed per account and provider (a run killed midway resumes at the page it reached). Runs on a
/// schedule (<see cref="ReconciliationOptions"/>), from <c>smsoptout reconcile</c>, or when called.
/// </summary>
public interface IProviderReconciliation
{
    /// <summary>Reads every provider that lists its opt-outs (or only <paramref name="provider"/>) for <paramref name="account"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="provider">One provider's name, or <see langword="null"/> for every one that lists opt-outs.</param>
    /// <param name="cancellationToken">Cancels the run; what was read until then stays checkpointed.</param>
    /// <returns>One result per provider read.</returns>
    /// <exception cref="ArgumentException">No registered provider of that name lists its opt-outs.</exception>
    /// <exception cref="InvalidOperationException">The storage keeps no checkpoints (<see cref="IReconciliationCheckpointStore"/>).</exception>
    Task<IReadOnlyList<ReconciliationResult>> ReconcileAsync(AccountId account, string? provider = null, CancellationToken cancellationToken = default);

    /// <summary>The last run of every account and provider (for the dashboard and the tool).</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The last runs.</returns>
    IAsyncEnumerable<ReconciliationResult> GetLastRunsAsync(CancellationToken cancellationToken = default);
}
