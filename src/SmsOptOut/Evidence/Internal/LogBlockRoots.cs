namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// The roots of one account's complete blocks of <see cref="BlockSize"/> leaves, kept in memory by the evidence service
/// so that a tree head, an inclusion proof or a consistency proof reads only the leaves it cannot take from them: the
/// block that holds the proven leaf (or the older tree's last leaf) and the incomplete block at the end, not the whole
/// log. A complete block's root never changes (the log only grows; an erasure keeps the leaf), so each is computed once
/// per process from the leaves read in order, and as the log grows only the new blocks are read. 32 bytes per 256
/// leaves: 1.25 MB for an account of 10 M events. The service drops them and reads every leaf again before it reports a
/// log that does not agree with a checkpoint, and signs a new checkpoint only from the roots the latest one covers and
/// matches, so they only ever save reads.
/// <para>
/// The roots are also kept with the log (<see cref="IConsentLogStore.ReadBlockRootsAsync"/>), so a new process takes
/// them from the store instead of reading every leaf. Stored roots are trusted exactly as remembered ones: only until
/// <see cref="KeepAsync"/> says otherwise, after which the roots from there are computed from the leaves again and
/// written over the stored ones.
/// </para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
internal sealed class LogBlockRoots(LogBlockRoots.RootReader? readStored = null, LogBlockRoots.RootWriter? writeStored = null)
{
    /// <summary>Leaves per block.</summary>
    public const int BlockSize = 256;

    private const int StoredPage = 10_000;

    private readonly List<byte[]> _roots = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Stored roots from this block on are not taken: they are computed from the leaves and written again.</summary>
    private long _storedTrustedUntil = long.MaxValue;

    /// <summary>Reads leaf hashes: from, count → the hashes of the leaves from <c>from</c> (fewer at the log's end).</summary>
    public delegate Task<IReadOnlyList<byte[]>> LeafReader(long from, int count, CancellationToken cancellationToken);

    /// <summary>Reads stored block roots: from, limit → the roots kept from block <c>from</c> (fewer at the first missing one).</summary>
    public delegate Task<IReadOnlyList<byte[]>> RootReader(long from, int limit, CancellationToken cancellationToken);

    /// <summary>Keeps block roots from block <c>from</c> on, over any kept there.</summary>
    public delegate Task RootWriter(long from, IReadOnlyList<byte[]> roots, CancellationToken cancellationToken);

    /// <summary>
    /// The tree of the first <paramref name="size"/> leaves, with the leaves of <paramref name="blocks"/> (block indexes)
    /// read for the ranges inside them; blocks not complete yet are added first.
    /// </summary>
    public async Task<LogTree> TreeAsync(LeafReader read, long size, IEnumerable<long> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var complete = size / BlockSize;
        byte[][] roots;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_roots.Count < complete)
            {
                if (readStored is not null && _roots.Count < _storedTrustedUntil)
                {
                    var stored = await readStored(_roots.Count, (int)Math.Min(StoredPage, Math.Min(complete, _storedTrustedUntil) - _roots.Count), cancellationToken).ConfigureAwait(false);
                    var usable = stored.TakeWhile(r => r is { Length: MerkleTree.HashSize }).ToList();
                    _roots.AddRange(usable);
                    if (usable.Count == stored.Count && usable.Count > 0)
                    {
                        continue;
                    }

                    // None (more) kept, or one of the wrong size: the rest comes from the leaves and is written over it.
                    _storedTrustedUntil = _roots.Count;
                    continue;
                }

                var from = (long)_roots.Count * BlockSize;
                var leaves = await read(from, (int)Math.Min(40 * BlockSize, (complete * BlockSize) - from), cancellationToken).ConfigureAwait(false);
                if (leaves.Count < BlockSize)
                {
                    throw Short(from + leaves.Count, size);
                }

                var computed = new List<byte[]>(leaves.Count / BlockSize);
                for (var start = 0; start + BlockSize <= leaves.Count; start += BlockSize)
                {
                    computed.Add(MerkleTree.Root(leaves, start, BlockSize));
                }

                if (writeStored is not null)
                {
                    await writeStored(_roots.Count, computed, cancellationToken).ConfigureAwait(false);
                }

                _roots.AddRange(computed);
            }

            roots = [.. _roots.Take((int)complete)];
        }
        finally
        {
            _gate.Release();
        }

        var held = new Dictionary<long, IReadOnlyList<byte[]>>();
        foreach (var block in blocks.Append(complete).Distinct())
        {
            var from = block * BlockSize;
            if (block >= 0 && from < size)
            {
                var count = (int)Math.Min(BlockSize, size - from);
                var leaves = await read(from, count, cancellationToken).ConfigureAwait(false);
                held[block] = leaves.Count == count ? leaves : throw Short(from + leaves.Count, size);
            }
        }

        return new LogTree(roots, size, held);

        static InvalidOperationException Short(long held, long size) => new($"The consent log holds {held} leaves, fewer than the {size} asked for.");
    }

    /// <summary>Keeps the roots of the first <paramref name="blocks"/> blocks and forgets the rest: the next tree reads their leaves again.</summary>
    public async Task KeepAsync(long blocks, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_roots.Count > blocks)
            {
                _roots.RemoveRange((int)blocks, _roots.Count - (int)blocks);
            }

            _storedTrustedUntil = Math.Min(_storedTrustedUntil, blocks);
        }
        finally
        {
            _gate.Release();
        }
    }
}
