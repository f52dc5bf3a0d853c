using SmsOptOut.Consent;
using SmsOptOut.Evidence;

namespace SmsOptOut.Tests.Evidence;

/// <summary>An adapter as written before <see cref="IConsentLogStore.ReadLeavesAsync"/>: it leaves that member to the interface's default.</summary>
internal sealed class AdapterWithoutLeaves(IConsentLogStore inner) : IConsentLogStore
{
    public Task<long> GetLogSizeAsync(AccountId account, CancellationToken cancellationToken = default) => inner.GetLogSizeAsync(account, cancellationToken);

    public Task<IReadOnlyList<ConsentLogEntry>> ReadLogAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default) =>
        inner.ReadLogAsync(account, from, limit, cancellationToken);

    public Task<ConsentLogEntry?> FindLogEntryAsync(AccountId account, string eventId, CancellationToken cancellationToken = default) =>
        inner.FindLogEntryAsync(account, eventId, cancellationToken);

    public Task AddCheckpointAsync(AccountId account, ConsentCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        inner.AddCheckpointAsync(account, checkpoint, cancellationToken);

    public Task<ConsentCheckpoint?> GetLatestCheckpointAsync(AccountId account, CancellationToken cancellationToken = default) =>
        inner.GetLatestCheckpointAsync(account, cancellationToken);

    public Task<IReadOnlyList<ConsentCheckpoint>> GetCheckpointsAsync(AccountId account, CancellationToken cancellationToken = default) =>
        inner.GetCheckpointsAsync(account, cancellationToken);
}
