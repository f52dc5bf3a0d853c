using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;
using SmsOptOut.Evidence.Internal;

namespace SmsOptOut.Tests.Evidence;

/// <summary>
/// Consistency proofs between two signed checkpoints: every pair of sizes verifies through its JSON; a changed hash,
/// root, size, key, origin or order is refused with what failed; a proof from another checkpoint than the one held is
/// refused; a malformed document is refused naming what is wrong.
/// </summary>
public sealed class ConsistencyProofTests
{
    private static readonly AccountId Acme = new("acme");
    private static readonly byte[] PrivateKey = SHA256.HashData("consistency-test-key-1"u8);
    private static readonly byte[] OtherKey = SHA256.HashData("consistency-test-key-2"u8);
    private static readonly byte[][] Leaves = [.. Enumerable.Range(0, 21).Select(i => MerkleTree.LeafHash([(byte)i, 7]))];

    [Fact]
    public void A_proof_between_any_two_sizes_verifies_through_its_JSON()
    {
        for (var oldSize = 0; oldSize <= Leaves.Length; oldSize++)
        {
            for (var newSize = oldSize; newSize <= Leaves.Length; newSize++)
            {
                var json = Proof(oldSize, newSize).ToJson();

                var check = ConsentConsistencyVerifier.Verify(json, Keys(), Checkpoint(oldSize));

                check.IsValid.Should().BeTrue("{0} → {1}: {2}", oldSize, newSize, check.Failure);
                (check.From!.TreeSize, check.To!.TreeSize).Should().Be((oldSize, newSize));
            }
        }
    }

    [Theory]
    [InlineData("proof", "does not show the tree of 6 events is a prefix")]
    [InlineData("old root", "does not show the tree of 6 events is a prefix")]
    [InlineData("new size", "second checkpoint's signature is not key 'k1''s")] // the proof from 6 to 13 also fits 14; the signature binds the size
    [InlineData("old time", "first checkpoint's signature is not key 'k1''s")]
    [InlineData("other key", "second checkpoint's signature is not key 'k1''s")]
    [InlineData("unknown key", "no public key with id 'k9'")]
    [InlineData("swapped", "more than the second's")]
    [InlineData("origin", "two logs")]
    [InlineData("forked", "does not show the tree of 6 events is a prefix")]
    public void A_changed_proof_is_refused_with_what_failed(string change, string failure)
    {
        var proof = Proof(6, 13);
        proof = change switch
        {
            "proof" => proof with { Proof = [.. proof.Proof.Select((p, i) => i == 1 ? Flip(p) : p)] },
            "old root" => proof with { From = proof.From with { RootHash = Flip(proof.From.RootHash) } },
            "new size" => proof with { To = proof.To with { TreeSize = 14 } },
            "old time" => proof with { From = proof.From with { Time = proof.From.Time.AddSeconds(-1) } },
            "other key" => proof with { To = Sign(13, MerkleTree.Root(Leaves, 0, 13), OtherKey) },
            "unknown key" => proof with { To = proof.To with { KeyId = "k9" } },
            "swapped" => proof with { From = proof.To, To = proof.From },
            "origin" => proof with { To = ConsentCheckpoint.Sign("smsoptout/globex", 13, proof.To.RootHash, At(2), "k1", PrivateKey) },
            "forked" => proof with { To = Sign(13, MerkleTree.Root([.. Leaves.Take(12), Flip(Leaves[12])], 0, 13)) },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var check = ConsentConsistencyVerifier.Verify(proof.ToJson(), Keys());

        check.IsValid.Should().BeFalse();
        check.Failure.Should().Contain(failure);
    }

    [Fact]
    public void A_valid_proof_from_another_checkpoint_than_the_one_held_is_refused()
    {
        var check = ConsentConsistencyVerifier.Verify(Proof(5, 13).ToJson(), Keys(), Checkpoint(6));

        check.IsValid.Should().BeFalse();
        check.Failure.Should().Contain("not from the one held (6 events");
    }

    [Theory]
    [InlineData("{", "is not JSON")]
    [InlineData("[]", "format is not 'smsoptout-consistency-proof/v1'")]
    [InlineData("""{"format":"smsoptout-consent-certificate/v1"}""", "format is not 'smsoptout-consistency-proof/v1'")]
    [InlineData("""{"format":"smsoptout-consistency-proof/v1"}""", "no 'from' checkpoint")]
    [InlineData("drop to.tree_size", "The checkpoint has no 'tree_size'")]
    [InlineData("proof as number", "field of the wrong shape")]
    public void A_malformed_proof_is_refused_naming_what_is_wrong(string json, string failure)
    {
        var document = JsonNode.Parse(Proof(6, 13).ToJson())!.AsObject();
        if (json == "drop to.tree_size")
        {
            document["to"]!.AsObject().Remove("tree_size");
            json = document.ToJsonString();
        }
        else if (json == "proof as number")
        {
            document["proof"] = 42;
            json = document.ToJsonString();
        }

        var check = ConsentConsistencyVerifier.Verify(json, Keys());

        check.IsValid.Should().BeFalse();
        check.Failure.Should().Contain(failure);
    }

    private static ConsistencyProof Proof(int oldSize, int newSize) =>
        new(Checkpoint(oldSize), Sign(newSize, MerkleTree.Root(Leaves, 0, newSize)), oldSize == 0 ? [] : MerkleTree.ConsistencyProof(Leaves, oldSize, newSize));

    private static ConsentCheckpoint Checkpoint(int size) => Sign(size, MerkleTree.Root(Leaves, 0, size), PrivateKey, At(1));

    private static ConsentCheckpoint Sign(long size, byte[] root, byte[]? key = null, DateTimeOffset? at = null) =>
        ConsentCheckpoint.Sign(ConsentCheckpoint.OriginOf(Acme), size, root, at ?? At(2), "k1", key ?? PrivateKey);

    private static DateTimeOffset At(int hour) => new(2026, 12, 7, hour, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, byte[]> Keys() => new(StringComparer.Ordinal) { ["k1"] = ConsentCheckpoint.PublicKeyOf(PrivateKey) };

    private static byte[] Flip(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[0] ^= 1;
        return copy;
    }
}
