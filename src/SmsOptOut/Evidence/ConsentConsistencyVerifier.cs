using SmsOptOut.Evidence.Internal;

namespace SmsOptOut.Evidence;

/// <summary>
/// Verifies a consistency proof offline, with nothing but the proof and the log's public keys (docs/evidence.md,
/// "Consistency proofs"): both checkpoints' signatures, and that the older tree is a prefix of the newer — the log only
/// grew between them.
/// </summary>
public static class ConsentConsistencyVerifier
{
    /// <summary>Checks a consistency proof's JSON against the public keys (raw 32-byte Ed25519, by key id).</summary>
    /// <param name="json">The proof (<see cref="IConsentEvidence.CreateConsistencyProofAsync"/>).</param>
    /// <param name="publicKeys">The log's public keys.</param>
    /// <param name="held">
    /// The checkpoint the verifier holds, when it has one: the proof must start from exactly it (else a valid proof from
    /// another checkpoint would prove nothing about the one held).
    /// </param>
    /// <returns>Valid, or the first thing that failed; a proof that cannot be read is invalid with the reason.</returns>
    public static ConsistencyVerification Verify(string json, IReadOnlyDictionary<string, byte[]> publicKeys, ConsentCheckpoint? held = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(publicKeys);
        ConsistencyProof proof;
        try
        {
            proof = ConsistencyProof.Parse(json);
        }
        catch (FormatException e)
        {
            return new ConsistencyVerification(false, e.Message, null, null);
        }

        if (held is not null && !SameCheckpoint(held, proof.From))
        {
            return new ConsistencyVerification(false,
                $"the proof starts from the checkpoint of {proof.From.TreeSize} events signed {ConsentLeaf.Time(proof.From.Time)}, not from the one held ({held.TreeSize} events, {ConsentLeaf.Time(held.Time)})",
                proof.From, proof.To);
        }

        var check = proof.Verify(publicKeys);
        return new ConsistencyVerification(check.IsValid, check.Failure, proof.From, proof.To);
    }

    private static bool SameCheckpoint(ConsentCheckpoint a, ConsentCheckpoint b) =>
        a.Origin == b.Origin && a.TreeSize == b.TreeSize && a.Time == b.Time && a.KeyId == b.KeyId && a.RootHash.AsSpan().SequenceEqual(b.RootHash) && a.Signature.AsSpan().SequenceEqual(b.Signature);
}

/// <summary>The outcome of verifying a consistency proof.</summary>
/// <param name="IsValid">Whether every check passed: the log only grew from <paramref name="From"/> to <paramref name="To"/>, both signed by a given key.</param>
/// <param name="Failure">What failed first, when it is not valid.</param>
/// <param name="From">The older checkpoint, when the proof could be read.</param>
/// <param name="To">The newer checkpoint (the one to keep from now on), when the proof could be read.</param>
public sealed record ConsistencyVerification(bool IsValid, string? Failure, ConsentCheckpoint? From, ConsentCheckpoint? To);
