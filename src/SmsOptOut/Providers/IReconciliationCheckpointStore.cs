using SmsOptOut.Consent;

namespace SmsOptOut.Providers;

/// <summary>
/// Keeps how far provider reconciliation has read each account's list of opt-outs at each provider, so a run resumes
/// where the last one (or a run killed midway) stopped. The checkpoint is an opaque text the core writes and reads
/// (JSON, at most 4,096 characters, never a phone number). For storage adapter authors: optional (without it,
/// reconciliation is refused with an error naming the missing contract), verified by the conformance suite
/// <c>ReconciliationCheckpointStoreTests</c>.
/// </summary>
public interface IReconciliationCheckpointStore
{
    /// <summary>The checkpoint saved for <paramref name="account"/> and <paramref name="provider"/>, or <see langword="null"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="provider">The provider's name (<c>telnyx</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoint text, or <see langword="null"/> when none was saved.</returns>
    Task<string?> GetCheckpointAsync(AccountId account, string provider, CancellationToken cancellationToken = default);

    /// <summary>Saves the checkpoint of <paramref name="account"/> and <paramref name="provider"/>, replacing the previous one.</summary>
    /// <param name="account">The account.</param>
    /// <param name="provider">The provider's name.</param>
    /// <param name="checkpoint">The checkpoint text: 1 to 4,096 characters.</param>
    /// <param name="savedAt">When it was saved.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the checkpoint is durable.</returns>
    Task SaveCheckpointAsync(AccountId account, string provider, string checkpoint, DateTimeOffset savedAt, CancellationToken cancellationToken = default);

    /// <summary>Every saved checkpoint, of every account and provider (for the dashboard and the tool), in no particular order.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The checkpoints.</returns>
    IAsyncEnumerable<StoredReconciliationCheckpoint> ListCheckpointsAsync(CancellationToken cancellationToken = default);
}
