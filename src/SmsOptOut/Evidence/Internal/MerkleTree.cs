using System.Security.Cryptography;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// The Merkle tree of RFC 9162 (Certificate Transparency 2.0, section 2.1) over leaf hashes: the tree head of n leaves,
/// inclusion proofs (a leaf is in the tree) and consistency proofs (a tree of size m is a prefix of one of size n), and
/// their verification, exactly as the RFC writes them so any implementation of it checks ours. Leaf hashes are
/// <c>SHA-256(0x00 ‖ data)</c>, interior nodes <c>SHA-256(0x01 ‖ left ‖ right)</c>.
/// </summary>
internal static class MerkleTree
{
    /// <summary>The size of every hash: SHA-256.</summary>
    public const int HashSize = 32;

    /// <summary>The hash of a leaf's data: <c>SHA-256(0x00 ‖ data)</c>.</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(data);
        return sha.GetHashAndReset();
    }

    /// <summary>An interior node: <c>SHA-256(0x01 ‖ left ‖ right)</c>.</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * HashSize)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashSize)..]);
        return Sha256.Hash(input);
    }

    /// <summary>The tree head of <paramref name="leaves"/> (MTH); the hash of the empty string for none.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves) => Root(leaves, 0, leaves.Count);

    /// <summary>The tree head of leaves <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 0)
        {
            return SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }

        var frontier = new CompactRange();
        for (var i = start; i < start + count; i++)
        {
            frontier.Append(leaves[i]);
        }

        return frontier.Root();
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves (RFC 9162 2.1.3.1).</summary>
    public static byte[][] InclusionProof(IReadOnlyList<byte[]> leaves, long index, long size)
    {
        if (size > leaves.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"A tree of {size} leaves needs them all; {leaves.Count} are known.");
        }

        return InclusionProof((start, count) => Root(leaves, (int)start, (int)count), index, size);
    }

    /// <summary>
    /// The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, from the tree
    /// heads of the ranges of leaves it needs (<paramref name="root"/>: start, count → MTH of those leaves).
    /// </summary>
    public static byte[][] InclusionProof(Func<long, long, byte[]> root, long index, long size)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (size < 1 || index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {size} leaves.");
        }

        var proof = new List<byte[]>();
        Path(index, 0, size);
        return [.. proof];

        void Path(long m, long start, long n)
        {
            if (n == 1)
            {
                return;
            }

            var k = LargestPowerOfTwoBelow(n);
            if (m < k)
            {
                Path(m, start, k);
                proof.Add(root(start + k, n - k));
            }
            else
            {
                Path(m - k, start + k, n - k);
                proof.Add(root(start, k));
            }
        }
    }

    /// <summary>The consistency proof between the trees of the first <paramref name="oldSize"/> and <paramref name="newSize"/> leaves (RFC 9162 2.1.4.1).</summary>
    public static byte[][] ConsistencyProof(IReadOnlyList<byte[]> leaves, long oldSize, long newSize)
    {
        if (newSize > leaves.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(newSize), $"No consistency proof to {newSize} leaves: {leaves.Count} are known.");
        }

        return ConsistencyProof((start, count) => Root(leaves, (int)start, (int)count), oldSize, newSize);
    }

    /// <summary>The consistency proof between the trees of <paramref name="oldSize"/> and <paramref name="newSize"/> leaves, from the tree heads of the ranges it needs (<paramref name="root"/>).</summary>
    public static byte[][] ConsistencyProof(Func<long, long, byte[]> root, long oldSize, long newSize)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (oldSize < 1 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"No consistency proof from {oldSize} to {newSize} leaves; expected 1 ≤ old ≤ new.");
        }

        var proof = new List<byte[]>();
        SubProof(oldSize, 0, newSize, true);
        return [.. proof];

        void SubProof(long m, long start, long n, bool complete)
        {
            if (m == n)
            {
                if (!complete)
                {
                    proof.Add(root(start, n));
                }

                return;
            }

            var k = LargestPowerOfTwoBelow(n);
            if (m <= k)
            {
                SubProof(m, start, k, complete);
                proof.Add(root(start + k, n - k));
            }
            else
            {
                SubProof(m - k, start + k, n - k, false);
                proof.Add(root(start, k));
            }
        }
    }

    /// <summary>Whether <paramref name="proof"/> shows <paramref name="leafHash"/> at <paramref name="index"/> in the tree of <paramref name="size"/> leaves with <paramref name="root"/> (RFC 9162 2.1.3.2).</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size)
        {
            return false;
        }

        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p.Length != HashSize)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>Whether <paramref name="proof"/> shows the tree of <paramref name="oldSize"/> leaves with <paramref name="oldRoot"/> is a prefix of the tree of <paramref name="newSize"/> with <paramref name="newRoot"/> (RFC 9162 2.1.4.2).</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot)
    {
        if (oldSize < 1 || oldSize > newSize)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, newRoot);
        }

        if (proof.Count == 0 || proof.Any(p => p.Length != HashSize))
        {
            return false;
        }

        var path = new List<byte[]>(proof);
        if (IsPowerOfTwo(oldSize))
        {
            path.Insert(0, oldRoot.ToArray());
        }

        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, oldRoot) && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2): where RFC 9162 splits a tree of n leaves.</summary>
    public static long LargestPowerOfTwoBelow(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));

    public static bool IsPowerOfTwo(long n) => (n & (n - 1)) == 0;
}
