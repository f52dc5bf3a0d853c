using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// A signed statement that an account's log had <see cref="TreeSize"/> leaves with tree head <see cref="RootHash"/> at
/// <see cref="Time"/>. The signed body follows the C2SP checkpoint's note body: the origin, the size and the base64
/// root hash on their own lines, then a <c>time</c> line; signed with Ed25519 by the key <see cref="KeyId"/>.
/// </summary>
internal sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset Time, string KeyId, byte[] Signature)
{
    /// <summary>The origin of an account's log: <c>smsoptout/&lt;account&gt;</c>.</summary>
    public static string OriginOf(Consent.AccountId account) => "smsoptout/" + account.Value;

    /// <summary>The bytes the signature covers.</summary>
    public static byte[] Body(string origin, long treeSize, byte[] rootHash, DateTimeOffset time) => Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{origin}\n{treeSize}\n{Convert.ToBase64String(rootHash)}\ntime {ConsentLeaf.Time(time)}\n"));

    /// <summary>Signs the head of a log with <paramref name="privateKey"/> (a 32-byte Ed25519 seed) known as <paramref name="keyId"/>.</summary>
    public static Checkpoint Sign(string origin, long treeSize, byte[] rootHash, DateTimeOffset time, string keyId, ReadOnlySpan<byte> privateKey)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        return new Checkpoint(origin, treeSize, rootHash, time, keyId, SignatureAlgorithm.Ed25519.Sign(key, Body(origin, treeSize, rootHash, time)));
    }

    /// <summary>The raw 32-byte Ed25519 public key of a private key (a 32-byte seed).</summary>
    public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>Whether the signature is <paramref name="publicKey"/>'s (raw 32 bytes) over this checkpoint's body.</summary>
    public bool IsSignedBy(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32 || Signature.Length != 64 || RootHash.Length != MerkleTree.HashSize)
        {
            return false;
        }

        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(key, Body(Origin, TreeSize, RootHash, Time), Signature);
    }
}
