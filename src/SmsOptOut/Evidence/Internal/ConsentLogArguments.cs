using SmsOptOut.Consent;
using SmsOptOut.Storage;

namespace SmsOptOut.Evidence.Internal;

/// <summary>The argument checks of <see cref="IConsentLogStore"/>, the same in every store.</summary>
internal static class ConsentLogArguments
{
    public static void ValidateRead(AccountId account, long from, int limit)
    {
        StoreArguments.ValidatePage(account, limit);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
    }

    public static void ValidateCheckpoint(AccountId account, ConsentCheckpoint checkpoint)
    {
        StoreArguments.ValidateAccount(account);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Origin != ConsentCheckpoint.OriginOf(account) || checkpoint.TreeSize < 0 || checkpoint.RootHash.Length != MerkleTree.HashSize || checkpoint.Signature.Length != 64)
        {
            throw new ArgumentException($"The checkpoint is not one of account '{account.Value}''s log (origin {checkpoint.Origin}, size {checkpoint.TreeSize}); expected its origin, a 32-byte root and a 64-byte signature.", nameof(checkpoint));
        }
    }
}
