namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// The Merkle tree of a log's first <see cref="Size"/> leaves as <see cref="LogBlockRoots"/> gives it: the roots of its
/// complete blocks, and the leaves of the few blocks read whole. <see cref="Root(long, long)"/> is RFC 9162's tree head
/// of any range of leaves, taken from block roots where the range is a whole aligned subtree of blocks and from leaves
/// inside one block; <see cref="MerkleTree"/>'s proofs are built on it.
/// </summary>
internal sealed class LogTree(IReadOnlyList<byte[]> blockRoots, long size, IReadOnlyDictionary<long, IReadOnlyList<byte[]>> blocks)
{
    private const int BlockSize = LogBlockRoots.BlockSize;

    /// <summary>How many leaves the tree has.</summary>
    public long Size => size;

    /// <summary>The tree head (MTH) of all its leaves.</summary>
    public byte[] Root() => Root(0, size);

    /// <summary>The tree head (MTH) of leaves <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1.</summary>
    public byte[] Root(long start, long count)
    {
        if (start < 0 || count < 0 || start + count > size)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Leaves {start} … {start + count - 1} are not all in a tree of {size}.");
        }

        if (count == 0)
        {
            return MerkleTree.Root([]);
        }

        // A whole aligned subtree of complete blocks: its head is the head of their roots.
        if (count >= BlockSize && MerkleTree.IsPowerOfTwo(count) && start % count == 0 && (start + count) / BlockSize <= blockRoots.Count)
        {
            return MerkleTree.Root(blockRoots, (int)(start / BlockSize), (int)(count / BlockSize));
        }

        var block = start / BlockSize;
        if ((start + count - 1) / BlockSize == block)
        {
            return blocks.TryGetValue(block, out var leaves)
                ? MerkleTree.Root(leaves, (int)(start - (block * BlockSize)), (int)count)
                : throw new InvalidOperationException($"Block {block} of the consent log was not read (internal error).");
        }

        var k = MerkleTree.LargestPowerOfTwoBelow(count);
        return MerkleTree.NodeHash(Root(start, k), Root(start + k, count - k));
    }
}
