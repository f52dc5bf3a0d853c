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

    /// <summary>
    /// Signs the head of a log with <paramref name="privateKey"/> (a 32-byte Ed25519 seed) known as <paramref name="keyId"/>,
    /// at <paramref name="time"/> cut to whole milliseconds: the time is signed, so it must read back from every store
    /// exactly (PostgreSQL keeps microseconds; a clock's 100-ns ticks would not survive it, and the signature would fail).
    /// </summary>
    internal static ConsentCheckpoint Sign(string origin, long treeSize, byte[] rootHash, DateTimeOffset time, string keyId, ReadOnlySpan<byte> privateKey)
    {
        time = Storage.WholeMilliseconds.Of(time);
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
    public string ToJson() => ToJsonObject().ToJsonString(Internal.EvidenceJson.Indented);

    /// <summary>Reads a checkpoint written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">A field is missing or of the wrong shape; the message names it.</exception>
    public static ConsentCheckpoint FromJson(string json)
    {
        System.Text.Json.Nodes.JsonNode? node;
        try
        {
            node = System.Text.Json.Nodes.JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException($"The checkpoint is not JSON: {e.Message}", e);
        }

        return FromNode(node ?? throw new FormatException("The checkpoint is empty."));
    }

    /// <summary>The checkpoint as a JSON object (also a certificate's <c>checkpoint</c>).</summary>
    internal System.Text.Json.Nodes.JsonObject ToJsonObject() => new()
    {
        ["origin"] = Origin,
        ["tree_size"] = TreeSize,
        ["root_hash"] = Convert.ToBase64String(RootHash),
        ["time"] = ConsentLeaf.Time(Time),
        ["key_id"] = KeyId,
        ["signature"] = Convert.ToBase64String(Signature),
    };

    /// <summary>A checkpoint from its JSON object; a missing field throws <see cref="FormatException"/> naming it.</summary>
    internal static ConsentCheckpoint FromNode(System.Text.Json.Nodes.JsonNode node)
    {
        if (node is not System.Text.Json.Nodes.JsonObject)
        {
            throw new FormatException($"The checkpoint is a JSON {node.GetValueKind().ToString().ToLowerInvariant()}, not an object.");
        }

        try
        {
            return Read(node);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"The checkpoint has a field of the wrong shape: {e.Message}", e);
        }
    }

    private static ConsentCheckpoint Read(System.Text.Json.Nodes.JsonNode node) => new(
        node["origin"]?.GetValue<string>() ?? throw new FormatException("The checkpoint has no 'origin'."),
        node["tree_size"]?.GetValue<long>() ?? throw new FormatException("The checkpoint has no 'tree_size'."),
        Convert.FromBase64String(node["root_hash"]?.GetValue<string>() ?? throw new FormatException("The checkpoint has no 'root_hash'.")),
        DateTimeOffset.ParseExact(node["time"]?.GetValue<string>() ?? throw new FormatException("The checkpoint has no 'time'."),
            "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
        node["key_id"]?.GetValue<string>() ?? throw new FormatException("The checkpoint has no 'key_id'."),
        Convert.FromBase64String(node["signature"]?.GetValue<string>() ?? throw new FormatException("The checkpoint has no 'signature'.")));
}
