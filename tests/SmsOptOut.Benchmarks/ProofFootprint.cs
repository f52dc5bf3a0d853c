using System.Diagnostics;
using System.Security.Cryptography;
using SmsOptOut.Evidence.Internal;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// <c>--proof-footprint &lt;leaves&gt;</c>: a consent log of that many leaves in memory; the time of its tree head, of
/// one inclusion proof and one consistency proof computed from every leaf, and their sizes; then the same through the
/// block roots the evidence service keeps (<see cref="LogBlockRoots"/>): the first tree, the head after the log grew, a
/// proof, with the leaves each read.
/// </summary>
internal static class ProofFootprint
{
    public static void Run(int count)
    {
        var leaves = new byte[count][];
        var seed = new byte[8];
        for (var i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(seed, (long)i);
            leaves[i] = SHA256.HashData(seed);
        }

        var watch = Stopwatch.StartNew();
        var root = MerkleTree.Root(leaves);
        var rootTime = watch.Elapsed;
        watch.Restart();
        var index = count / 3;
        var proof = MerkleTree.InclusionProof(leaves, index, count);
        var proofTime = watch.Elapsed;
        watch.Restart();
        var verified = MerkleTree.VerifyInclusion(leaves[index], index, count, proof, root);
        var verifyTime = watch.Elapsed;
        watch.Restart();
        var consistency = MerkleTree.ConsistencyProof(leaves, count / 2 + 1, count);
        var consistencyTime = watch.Elapsed;
        Console.WriteLine(FormattableString.Invariant(
            $"{count:N0} leaves, from every leaf: tree head {rootTime.TotalMilliseconds:F0} ms ({count / rootTime.TotalSeconds:N0} leaves/s); inclusion proof of leaf {index:N0}: {proof.Length} hashes ({proof.Length * 32} bytes) in {proofTime.TotalMilliseconds:F0} ms, verified ({verified}) in {verifyTime.TotalMilliseconds:F3} ms; consistency proof {count / 2 + 1:N0} → {count:N0}: {consistency.Length} hashes in {consistencyTime.TotalMilliseconds:F0} ms"));
        WithBlockRoots(leaves, root, proof, consistency).GetAwaiter().GetResult();
    }

    /// <summary>The same through the evidence service's block roots (<see cref="LogBlockRoots"/>): cold, then warm, then after the log grew.</summary>
    private static async Task WithBlockRoots(byte[][] leaves, byte[] root, byte[][] proof, byte[][] consistency)
    {
        var count = leaves.Length;
        var read = 0L;
        Task<IReadOnlyList<byte[]>> Read(long from, int n, CancellationToken cancellationToken)
        {
            var page = leaves.AsSpan((int)from, (int)Math.Min(n, count - from)).ToArray();
            read += page.Length;
            return Task.FromResult<IReadOnlyList<byte[]>>(page);
        }

        var blocks = new LogBlockRoots();
        var grown = count - 1_000;
        var watch = Stopwatch.StartNew();
        var cold = await blocks.TreeAsync(Read, grown, [], CancellationToken.None);
        var coldHead = cold.Root();
        var coldTime = watch.Elapsed;
        var coldRead = read;

        read = 0;
        watch.Restart();
        var tree = await blocks.TreeAsync(Read, count, [], CancellationToken.None);
        var head = tree.Root();
        var headTime = watch.Elapsed;
        var headRead = read;

        var index = count / 3;
        read = 0;
        watch.Restart();
        tree = await blocks.TreeAsync(Read, count, [index / LogBlockRoots.BlockSize], CancellationToken.None);
        var warmProof = MerkleTree.InclusionProof(tree.Root, index, count);
        var proofTime = watch.Elapsed;
        var proofRead = read;

        var old = (count / 2) + 1;
        read = 0;
        watch.Restart();
        tree = await blocks.TreeAsync(Read, count, [(old - 1) / LogBlockRoots.BlockSize, old / LogBlockRoots.BlockSize], CancellationToken.None);
        var warmConsistency = MerkleTree.ConsistencyProof(tree.Root, old, count);
        var consistencyTime = watch.Elapsed;
        var consistencyRead = read;

        var same = head.AsSpan().SequenceEqual(root) && coldHead.AsSpan().SequenceEqual(MerkleTree.Root(leaves, 0, grown))
            && warmProof.Zip(proof).All(p => p.First.AsSpan().SequenceEqual(p.Second)) && warmConsistency.Zip(consistency).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        Console.WriteLine(FormattableString.Invariant(
            $"with block roots (same results: {same}): first tree head of {grown:N0} leaves {coldTime.TotalMilliseconds:F0} ms ({coldRead:N0} leaves read); after 1,000 more, the head {headTime.TotalMilliseconds:F1} ms ({headRead:N0} read); inclusion proof {proofTime.TotalMilliseconds:F1} ms ({proofRead:N0} read); consistency proof {consistencyTime.TotalMilliseconds:F1} ms ({consistencyRead:N0} read); {LogBlockRoots.BlockSize}-leaf block roots held: {(count / LogBlockRoots.BlockSize) * 32 / 1024.0 / 1024.0:F2} MB"));
    }
}
