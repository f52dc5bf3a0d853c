using System.Diagnostics;
using System.Security.Cryptography;
using SmsOptOut.Evidence.Internal;

namespace SmsOptOut.Benchmarks;

/// <summary>
/// <c>--proof-footprint &lt;leaves&gt;</c>: a consent log of that many leaves in memory; the time of its tree head, of
/// one inclusion proof and one consistency proof (computed from the leaves, as the library does today), and their sizes.
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
            $"{count:N0} leaves: tree head {rootTime.TotalMilliseconds:F0} ms ({count / rootTime.TotalSeconds:N0} leaves/s); inclusion proof of leaf {index:N0}: {proof.Length} hashes ({proof.Length * 32} bytes) in {proofTime.TotalMilliseconds:F0} ms, verified ({verified}) in {verifyTime.TotalMilliseconds:F3} ms; consistency proof {count / 2 + 1:N0} → {count:N0}: {consistency.Length} hashes in {consistencyTime.TotalMilliseconds:F0} ms"));
    }
}
