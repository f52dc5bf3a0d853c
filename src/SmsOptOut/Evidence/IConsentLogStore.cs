using SmsOptOut.Consent;

namespace SmsOptOut.Evidence;

/// <summary>
/// The tamper-evident consent log of each account, kept by the storage in the same transaction (or script) as each
/// consent event (docs/evidence.md): every applied event appends one leaf — the hash of the event's canonical form under
/// a per-event salt (<see cref="ConsentLogLeaf"/>) — in the store's commit order, and erasing a person removes the
/// event and its salt but keeps the leaf. Also keeps the signed checkpoints. Implemented by storage adapters that
/// claim <see cref="Storage.StorageCapabilities.ConsentLog"/>.
/// </summary>
public interface IConsentLogStore
{
    /// <summary>How many leaves the account's log has.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The size.</returns>
    Task<long> GetLogSizeAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>The entries of the account's log from index <paramref name="from"/>, in log order.</summary>
    /// <param name="account">The account.</param>
    /// <param name="from">The first index (0-based).</param>
    /// <param name="limit">The most entries to return (1 to 10,000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Up to <paramref name="limit"/> entries; fewer only at the end of the log.</returns>
    Task<IReadOnlyList<ConsentLogEntry>> ReadLogAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The leaf hashes alone of the account's log from index <paramref name="from"/>, in log order: all that tree heads,
    /// checkpoints and proofs read. A store answers from its log's own rows without reading the events (a proof at ten
    /// million leaves reads every leaf once per process); this default reads <see cref="ReadLogAsync"/>, so an adapter
    /// written before it still works.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="from">The first index (0-based).</param>
    /// <param name="limit">The most leaves to return (1 to 10,000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Up to <paramref name="limit"/> 32-byte leaf hashes; fewer only at the end of the log.</returns>
    async Task<IReadOnlyList<byte[]>> ReadLeavesAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default) =>
        [.. (await ReadLogAsync(account, from, limit, cancellationToken).ConfigureAwait(false)).Select(e => e.LeafHash)];

    /// <summary>
    /// The roots of the account's complete blocks of 256 leaves kept with the log, from block <paramref name="from"/>
    /// (block <c>b</c> holds leaves <c>256·b</c> to <c>256·b + 255</c>; its root is their Merkle tree's root). Derived
    /// data: they spare a new process reading every leaf before its first tree head or proof. The evidence service
    /// writes them and trusts them only as far as a signed checkpoint confirms them (a changed root is computed again
    /// from the leaves and written over), so a store keeps them as given. This default keeps none.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="from">The first block (0-based).</param>
    /// <param name="limit">The most roots to return (1 to 10,000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The 32-byte roots kept from <paramref name="from"/> on, up to <paramref name="limit"/>; fewer at the first block none is kept for.</returns>
    Task<IReadOnlyList<byte[]>> ReadBlockRootsAsync(AccountId account, long from, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<byte[]>>([]);

    /// <summary>Keeps block roots: <paramref name="roots"/>[i] as the root of block <paramref name="from"/> + i, over any kept there. This default keeps nothing.</summary>
    /// <param name="account">The account.</param>
    /// <param name="from">The first block (0-based).</param>
    /// <param name="roots">The roots, 32 bytes each.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    Task WriteBlockRootsAsync(AccountId account, long from, IReadOnlyList<byte[]> roots, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// Whether the store appends each erasure record to the log as a leaf listing the leaves it erased
    /// (<see cref="ConsentLogEntry.Erasure"/>, <see cref="ConsentLogLeaf.ErasureHash"/>), and listed the leaves erased before
    /// it did in one such record when it was upgraded. Verification then requires every leaf that lost its event to be
    /// listed by an erasure record's leaf, and every erasure record kept with a <see cref="Privacy.ErasureRecord.LogIndex"/>
    /// to be that leaf. <see langword="false"/> (the default, for adapters written before): leaves without events are only
    /// counted against the account's erasure records (<see cref="Privacy.ErasureRecord.Events"/>).
    /// </summary>
    bool ErasuresAreLeaves => false;

    /// <summary>The log entry of one event, or <see langword="null"/> when the event is not in the log (erased, unknown, or recorded before the log).</summary>
    /// <param name="account">The account.</param>
    /// <param name="eventId">The event's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entry.</returns>
    Task<ConsentLogEntry?> FindLogEntryAsync(AccountId account, string eventId, CancellationToken cancellationToken = default);

    /// <summary>Keeps a signed checkpoint of an account's log.</summary>
    /// <param name="account">The account.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    Task AddCheckpointAsync(AccountId account, ConsentCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The account's latest checkpoint (the largest tree), or <see langword="null"/> when none was signed.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoint.</returns>
    Task<ConsentCheckpoint?> GetLatestCheckpointAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every checkpoint kept of the account's log, from the smallest tree to the largest (then by time): verification
    /// checks each against the log, so a checkpoint handed to a third party earlier can never be contradicted unnoticed.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoints; empty when none was signed.</returns>
    Task<IReadOnlyList<ConsentCheckpoint>> GetCheckpointsAsync(AccountId account, CancellationToken cancellationToken = default);
}
