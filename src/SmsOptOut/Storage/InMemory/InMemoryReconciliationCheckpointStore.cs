using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Providers;

namespace SmsOptOut.Storage.InMemory;

/// <summary>Reconciliation checkpoints in process memory (lost when the process ends, as everything in the in-memory store).</summary>
internal sealed class InMemoryReconciliationCheckpointStore : IReconciliationCheckpointStore
{
    private readonly ConcurrentDictionary<(AccountId Account, string Provider), (string Checkpoint, DateTimeOffset SavedAt)> _checkpoints = new();

    public Task<string?> GetCheckpointAsync(AccountId account, string provider, CancellationToken cancellationToken = default)
    {
        ReconciliationCheckpointArguments.ValidateCheckpointKey(account, provider);
        return Task.FromResult(_checkpoints.TryGetValue((account, provider), out var saved) ? saved.Checkpoint : null);
    }

    public Task SaveCheckpointAsync(AccountId account, string provider, string checkpoint, DateTimeOffset savedAt, CancellationToken cancellationToken = default)
    {
        ReconciliationCheckpointArguments.ValidateCheckpoint(account, provider, checkpoint);
        _checkpoints[(account, provider)] = (checkpoint, savedAt);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredReconciliationCheckpoint> ListCheckpointsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var ((account, provider), (checkpoint, savedAt)) in _checkpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StoredReconciliationCheckpoint(account, provider, checkpoint, savedAt);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
