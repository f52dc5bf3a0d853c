using System.Security.Cryptography;
using SmsOptOut.Consent;
using SmsOptOut.Evidence.Internal;
using SmsOptOut.Privacy;

namespace SmsOptOut.Evidence;

/// <summary>
/// What a storage adapter computes for each applied event, in the event's own transaction: a fresh salt and the leaf
/// hash of the event's canonical form under it (docs/evidence.md, "The leaf"). For storage adapter authors.
/// </summary>
public static class ConsentLogLeaf
{
    /// <summary>The size of a salt: 16 bytes.</summary>
    public const int SaltSize = ConsentLeaf.SaltSize;

    /// <summary>A new random salt.</summary>
    /// <returns>16 random bytes.</returns>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    /// <summary>The leaf hash of <paramref name="consentEvent"/> under <paramref name="salt"/>: <c>SHA-256(0x00 ‖ form)</c>.</summary>
    /// <param name="consentEvent">The event, as it is stored.</param>
    /// <param name="salt">Its salt.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Hash(ConsentEvent consentEvent, ReadOnlySpan<byte> salt) => ConsentLeaf.Hash(consentEvent, salt);

    /// <summary>
    /// The event's field check under <paramref name="salt"/> (docs/evidence.md, "Which field changed"): keep it with the
    /// salt (and drop it with the salt, at an erasure or a minimization) and return it as
    /// <see cref="ConsentLogEntry.FieldCheck"/>, so that verification can name the field of an event that no longer gives
    /// its leaf. A hint, not evidence: it is not part of the leaf.
    /// </summary>
    /// <param name="consentEvent">The event, as it is stored.</param>
    /// <param name="salt">Its salt.</param>
    /// <returns>The check, 32 bits.</returns>
    public static int FieldCheck(ConsentEvent consentEvent, ReadOnlySpan<byte> salt)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"A leaf's salt is {SaltSize} bytes; got {salt.Length}.", nameof(salt));
        }

        return ConsentFieldCheck.Compute(consentEvent, salt);
    }

    /// <summary>
    /// The leaf hash of an erasure record (docs/evidence.md, "Erasure records in the log"): SHA-256 of 0x00 and the
    /// record's form — its tag, account, request id, reason, time (cut to whole milliseconds) and the leaves it erased
    /// (<see cref="ErasureRecord.ErasedLeaves"/>) — with no salt, since it holds no personal data. Adapters append it in
    /// the erasure's own transaction, after the leaves it lists.
    /// </summary>
    /// <param name="record">The erasure record, with the leaves it erased.</param>
    /// <returns>The 32-byte leaf hash.</returns>
    public static byte[] ErasureHash(ErasureRecord record) => ErasureLeaf.Hash(record);
}
