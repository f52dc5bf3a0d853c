using System.Globalization;
using System.Text;
using NSec.Cryptography;

using SmsOptOut.Evidence.Internal;

namespace SmsOptOut.Evidence;

/// <summary>
/// A signed statement that an account's consent log had <see cref="TreeSize"/> events with tree head
/// <see cref="RootHash"/> at <see cref="Time"/> (docs/evidence.md). The signed body follows the C2SP checkpoint's note
/// body: the origin, the size and the base64 root hash on their own lines, then a <c>time</c> line; signed with Ed25519
/// by the key <see cref="KeyId"/>. Hand it to a third party: no event it covers can be changed unnoticed afterwards.
/// </summary>
/// <param name="Origin">The log: <c>smsoptout/&lt;account&gt;</c>.</param>
/// <param name="TreeSize">How many events the log had.</param>
/// <param name="RootHash">The RFC 9162 tree head of those events (32 bytes).</param>
/// <param name="Time">When the checkpoint was signed.</param>
/// <param name="KeyId">The id of the signing key (<see cref="EvidenceSigningKey.Id"/>).</param>
/// <param name="Signature">The Ed25519 signature of the body (64 bytes).</param>
public sealed record ConsentCheckpoint(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset Time, string KeyId, byte[] Signature)
{
    /// <summary>The origin of an account's log: <c>smsoptout/&lt;account&gt;</c>.</summary>
    /// <param name="account">The account.</param>
    /// <returns>The origin.</returns>
    public static string OriginOf(Consent.AccountId account) => "smsoptout/" + account.Value;

    /// <summary>The bytes the signature covers.</summary>
    internal static byte[] Body(string origin, long treeSize, byte[] rootHash, DateTimeOffset time) => Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{origin}\n{treeSize}\n{Convert.ToBase64String(rootHash)}\ntime {ConsentLeaf.Time(time)}\n"));

    /// <summary>Signs the head of a log with <paramref name="privateKey"/> (a 32-byte Ed25519 seed) known as <paramref name="keyId"/>.</summary>
    internal static ConsentCheckpoint Sign(string origin, long treeSize, byte[] rootHash, DateTimeOffset time, string keyId, ReadOnlySpan<byte> privateKey)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        return new ConsentCheckpoint(origin, treeSize, rootHash, time, keyId, SignatureAlgorithm.Ed25519.Sign(key, Body(origin, treeSize, rootHash, time)));
    }

    /// <summary>The raw 32-byte Ed25519 public key of a private key (a 32-byte seed).</summary>
    internal static byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>Whether the signature is <paramref name="publicKey"/>'s (raw 32 bytes) over this checkpoint's body.</summary>
    /// <param name="publicKey">The raw Ed25519 public key.</param>
    /// <returns><see langword="true"/> when it verifies.</returns>
    public bool IsSignedBy(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32 || Signature.Length != 64 || RootHash.Length != MerkleTree.HashSize)
        {
            return false;
        }

        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(key, Body(Origin, TreeSize, RootHash, Time), Signature);
    }

    /// <summary>The checkpoint as JSON, to hand to a third party (the field names of a certificate's <c>checkpoint</c>).</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson() => new System.Text.Json.Nodes.JsonObject
    {
        ["origin"] = Origin,
        ["tree_size"] = TreeSize,
        ["root_hash"] = Convert.ToBase64String(RootHash),
        ["time"] = ConsentLeaf.Time(Time),
        ["key_id"] = KeyId,
        ["signature"] = Convert.ToBase64String(Signature),
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
}
