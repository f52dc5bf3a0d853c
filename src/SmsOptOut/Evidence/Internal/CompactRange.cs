namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// The right edge of a Merkle tree being grown leaf by leaf: the roots of its perfect subtrees, largest first — at
/// most one per bit of the size, so a log of any length is verified in one pass and constant memory, and the tree head
/// of the leaves so far is one fold away.
/// </summary>
internal sealed class CompactRange
{
    private readonly List<byte[]> _roots = [];

    /// <summary>How many leaves were appended.</summary>
    public long Size { get; private set; }

    /// <summary>Appends a leaf hash.</summary>
    public void Append(byte[] leafHash)
    {
        var hash = leafHash;
        for (var size = Size; (size & 1) == 1; size >>= 1)
        {
            hash = MerkleTree.NodeHash(_roots[^1], hash);
            _roots.RemoveAt(_roots.Count - 1);
        }

        _roots.Add(hash);
        Size++;
    }

    /// <summary>The tree head of the leaves so far (RFC 9162 MTH); the hash of the empty string for none.</summary>
    public byte[] Root()
    {
        if (_roots.Count == 0)
        {
            return System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }

        var hash = _roots[^1];
        for (var i = _roots.Count - 2; i >= 0; i--)
        {
            hash = MerkleTree.NodeHash(_roots[i], hash);
        }

        return hash;
    }
}
