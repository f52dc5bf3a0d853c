using System.Security.Cryptography;
using SmsOptOut.Evidence.Internal;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// The Merkle tree against RFC 9162's definitions: tree heads equal a literal, recursive reading of MTH and the
/// Certificate Transparency test vector; every inclusion and consistency proof of small trees verifies, and any changed
/// byte, index or root makes it fail.
/// </summary>
public sealed class MerkleTreeTests
{
    /// <summary>The inputs of Certificate Transparency's Merkle tree tests.</summary>
    private static readonly byte[][] CtInputs =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43], [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    [Fact]
    public void The_tree_heads_of_the_certificate_transparency_inputs_are_the_published_ones()
    {
        var leaves = CtInputs.Select(input => MerkleTree.LeafHash(input)).ToArray();

        Convert.ToHexStringLower(MerkleTree.Root([])).Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        Convert.ToHexStringLower(MerkleTree.Root(leaves, 0, 1)).Should().Be("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        Convert.ToHexStringLower(MerkleTree.Root(leaves)).Should().Be("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }

    [Fact]
    public void Every_tree_head_equals_the_recursive_definition_and_the_compact_range()
    {
        var leaves = Leaves(70);
        var range = new CompactRange();
        for (var n = 0; n <= leaves.Length; n++)
        {
            MerkleTree.Root(leaves, 0, n).Should().Equal(Mth(leaves.AsSpan(0, n).ToArray()), "the head of {0} leaves", n);
            range.Root().Should().Equal(Mth(leaves.AsSpan(0, n).ToArray()));
            if (n < leaves.Length)
            {
                range.Append(leaves[n]);
            }
        }
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_any_change_fails()
    {
        var leaves = Leaves(33);
        for (var n = 1; n <= leaves.Length; n++)
        {
            var root = MerkleTree.Root(leaves, 0, n);
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleTree.InclusionProof(leaves, m, n);
                MerkleTree.VerifyInclusion(leaves[m], m, n, proof, root).Should().BeTrue("leaf {0} of {1}", m, n);
                MerkleTree.VerifyInclusion(leaves[(m + 1) % n], m, n, proof, root).Should().Be(n == 1, "another leaf at {0} of {1}", m, n);
                // A size that does not match the root is not always caught by the path alone (the tree of 3 and the
                // first leaf's path verify for size 4 too): the signed checkpoint binds size and root together.
                if (n > 1)
                {
                    MerkleTree.VerifyInclusion(leaves[m], (m + 1) % n, n, proof, root).Should().BeFalse("a wrong index, {0} of {1}", m, n);
                    var tampered = proof.Select(p => (byte[])p.Clone()).ToArray();
                    tampered[^1][0] ^= 1;
                    MerkleTree.VerifyInclusion(leaves[m], m, n, tampered, root).Should().BeFalse("a changed proof");
                    MerkleTree.VerifyInclusion(leaves[m], m, n, proof[..^1], root).Should().BeFalse("a short proof");
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_verifies_and_any_change_fails()
    {
        var leaves = Leaves(33);
        for (var n = 1; n <= leaves.Length; n++)
        {
            var newRoot = MerkleTree.Root(leaves, 0, n);
            for (var m = 1; m <= n; m++)
            {
                var oldRoot = MerkleTree.Root(leaves, 0, m);
                var proof = MerkleTree.ConsistencyProof(leaves, m, n);
                MerkleTree.VerifyConsistency(m, n, proof, oldRoot, newRoot).Should().BeTrue("{0} → {1}", m, n);
                if (m < n)
                {
                    var forked = (byte[])oldRoot.Clone();
                    forked[5] ^= 0x80;
                    MerkleTree.VerifyConsistency(m, n, proof, forked, newRoot).Should().BeFalse("a rewritten old tree, {0} → {1}", m, n);
                    MerkleTree.VerifyConsistency(m, n, proof, oldRoot, forked).Should().BeFalse();
                    var tampered = proof.Select(p => (byte[])p.Clone()).ToArray();
                    tampered[0][31] ^= 1;
                    MerkleTree.VerifyConsistency(m, n, tampered, oldRoot, newRoot).Should().BeFalse("a changed proof, {0} → {1}", m, n);
                }
            }
        }
    }

    private static byte[][] Leaves(int count) => [.. Enumerable.Range(0, count).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i * 7919)))];

    /// <summary>RFC 9162's MTH, read literally.</summary>
    private static byte[] Mth(byte[][] leaves)
    {
        if (leaves.Length == 0)
        {
            return SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }

        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = 1;
        while (k * 2 < leaves.Length)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. Mth(leaves[..k]), .. Mth(leaves[k..])]);
    }
}
