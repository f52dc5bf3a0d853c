using SmsOptOut.Consent;
using SmsOptOut.Evidence;

namespace SmsOptOut.Storage;

/// <summary>The checks every store makes on <see cref="IConsentLogStore.ReadBlockRootsAsync"/> and <see cref="IConsentLogStore.WriteBlockRootsAsync"/>.</summary>
internal static class BlockRootArguments
{
    /// <summary>The size of a block root (SHA-256).</summary>
    public const int RootSize = 32;

    /// <summary>The most blocks a log's roots can be kept for (2²⁴, 4.3 billion leaves: Redis keeps them in one string of at most 512 MB).</summary>
    public const long MaxBlocks = 1L << 24;

    public static void ValidateRead(AccountId account, long from, int limit)
    {
        StoreArguments.ValidatePage(account, limit);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
    }

    public static void ValidateWrite(AccountId account, long from, IReadOnlyList<byte[]> roots)
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
