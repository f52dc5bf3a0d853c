using SmsOptOut.Consent;
using SmsOptOut.Evidence;

namespace SmsOptOut.Storage;

/// <summary>The argument checks of <see cref="IConsentLogStore"/>, the same in every store.</summary>
internal static class ConsentLogArguments
{
    /// <summary>The size of a leaf hash or a block root (SHA-256).</summary>
    public const int RootSize = 32;

    /// <summary>The most blocks a log's roots can be kept for (2²⁴, 4.3 billion leaves: Redis keeps them in one string of at most 512 MB).</summary>
    public const long MaxBlocks = 1L << 24;

    /// <summary>A page of the log's entries, leaves or block roots: the account, a first position of 0 or more and a limit of 1 to 10,000.</summary>
    public static void ValidateRead(AccountId account, long from, int limit)
    {
        StoreArguments.ValidatePage(account, limit);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
    }

    public static void ValidateCheckpoint(AccountId account, ConsentCheckpoint checkpoint)
    {
        StoreArguments.ValidateAccount(account);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Origin != ConsentCheckpoint.OriginOf(account) || checkpoint.TreeSize < 0 || checkpoint.RootHash.Length != RootSize || checkpoint.Signature.Length != 64)
        {
            throw new ArgumentException($"The checkpoint is not one of account '{account.Value}''s log (origin {checkpoint.Origin}, size {checkpoint.TreeSize}); expected its origin, a 32-byte root and a 64-byte signature.", nameof(checkpoint));
        }
    }

    public static void ValidateBlockRoots(AccountId account, long from, IReadOnlyList<byte[]> roots)
    {
        StoreArguments.ValidateAccount(account);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentNullException.ThrowIfNull(roots);
        if (from > MaxBlocks - roots.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"Blocks {from} to {from + roots.Count - 1L} are past the last block a log can have ({MaxBlocks - 1}).");
        }

        for (var i = 0; i < roots.Count; i++)
        {
            if (roots[i] is not { Length: RootSize })
            {
                throw new ArgumentException($"Block root {i} (block {from + i}) is {(roots[i] is null ? "null" : roots[i].Length + " bytes")}; a block root is {RootSize} bytes.", nameof(roots));
            }
        }
    }
}
