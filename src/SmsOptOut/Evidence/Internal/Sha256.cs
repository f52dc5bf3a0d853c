using System.Security.Cryptography;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// SHA-256 through one reused hash object per thread: the platform's one-shot <see cref="SHA256.HashData(ReadOnlySpan{byte})"/>
/// creates and frees a native context per call, which on short inputs (a 65-byte tree node, a few-hundred-byte leaf)
/// costs more than the hashing — and verifying a log hashes two such inputs per event.
/// </summary>
internal static class Sha256
{
    [ThreadStatic]
    private static IncrementalHash? t_hash;

    /// <summary>The SHA-256 of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = t_hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }
}
