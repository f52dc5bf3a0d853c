using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// A consistency proof between two signed checkpoints of one log (docs/evidence.md, "Consistency proofs"): the hashes
/// that show the tree of <see cref="From"/> is a prefix of the tree of <see cref="To"/> — the log only grew, nothing it
/// held was changed, removed or reordered. Whoever holds <see cref="From"/> checks it offline and then keeps <see cref="To"/>.
/// </summary>
internal sealed record ConsistencyProof(ConsentCheckpoint From, ConsentCheckpoint To, byte[][] Proof)
{
    /// <summary>The format tag of the JSON.</summary>
    public const string Format = "smsoptout-consistency-proof/v1";

    /// <summary>Checks the proof and both checkpoints' signatures against the public keys (raw Ed25519, by key id); the first failure names what failed.</summary>
    public CertificateCheck Verify(IReadOnlyDictionary<string, byte[]> publicKeys)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        if (From.Origin != To.Origin)
        {
            return CertificateCheck.Fail($"the checkpoints are of two logs ('{From.Origin}' and '{To.Origin}')");
        }

        if (From.TreeSize > To.TreeSize)
        {
            return CertificateCheck.Fail($"the first checkpoint covers {From.TreeSize} events, more than the second's {To.TreeSize}: a log that only grows cannot shrink");
        }

        var consistent = From.TreeSize == 0
            ? Proof.Length == 0 && From.RootHash.AsSpan().SequenceEqual(MerkleTree.Root([], 0, 0))
            : MerkleTree.VerifyConsistency(From.TreeSize, To.TreeSize, Proof, From.RootHash, To.RootHash);
        if (!consistent)
        {
            return CertificateCheck.Fail($"the proof does not show the tree of {From.TreeSize} events is a prefix of the tree of {To.TreeSize}: the log was rewritten between them, or a root or the proof was changed");
        }

        foreach (var (checkpoint, name) in new[] { (From, "first"), (To, "second") })
        {
            if (!publicKeys.TryGetValue(checkpoint.KeyId, out var key))
            {
                return CertificateCheck.Fail($"no public key with id '{checkpoint.KeyId}' (the {name} checkpoint's) was given; known: {string.Join(", ", publicKeys.Keys.Order(StringComparer.Ordinal))}");
            }

            if (!checkpoint.IsSignedBy(key))
            {
                return CertificateCheck.Fail($"the {name} checkpoint's signature is not key '{checkpoint.KeyId}''s: the checkpoint was changed or signed by another key");
            }
        }

        return CertificateCheck.Valid;
    }

    /// <summary>The proof as JSON (UTF-8, indented).</summary>
    public string ToJson() => new JsonObject
    {
        ["format"] = Format,
        ["from"] = From.ToJsonObject(),
        ["to"] = To.ToJsonObject(),
        ["proof"] = new JsonArray([.. Proof.Select(p => (JsonNode?)Convert.ToBase64String(p))]),
    }.ToJsonString(EvidenceJson.Indented);

    /// <summary>Reads a proof; a malformed one throws <see cref="FormatException"/> naming the field.</summary>
    public static ConsistencyProof Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The consistency proof is not JSON: {e.Message}", e);
        }

        if (root is not JsonObject || root["format"] is not JsonValue format || !format.TryGetValue<string>(out var text) || text != Format)
        {
            throw new FormatException($"The consistency proof's format is not '{Format}'.");
        }

        try
        {
            return new ConsistencyProof(
                ConsentCheckpoint.FromNode(root["from"] ?? throw new FormatException("The consistency proof has no 'from' checkpoint.")),
                ConsentCheckpoint.FromNode(root["to"] ?? throw new FormatException("The consistency proof has no 'to' checkpoint.")),
                [.. (root["proof"]?.AsArray() ?? throw new FormatException("The consistency proof has no 'proof'.")).Select(p => Convert.FromBase64String(p!.GetValue<string>()))]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"The consistency proof has a field of the wrong shape: {e.Message}", e);
        }
    }
}
