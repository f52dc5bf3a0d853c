using System.Buffers.Binary;
using SmsOptOut.Consent;
using SmsOptOut.Evidence;

namespace SmsOptOut.Storage;

/// <summary>
/// An event's salt as the stores keep it, in one column (or one record field): the 16 bytes of the salt, then the
/// event's field check (<see cref="ConsentLogLeaf.FieldCheck"/>) as 4 big-endian bytes — so that the check goes wherever
/// the salt goes (an erasure, a minimization). A salt of 16 bytes alone, written before the stores kept the check, reads
/// without one.
/// </summary>
internal static class SaltColumn
{
    /// <summary>The stored size of a salt with its check.</summary>
    public const int Size = ConsentLogLeaf.SaltSize + 4;

    /// <summary>A fresh salt for <paramref name="e"/>, with its field check after it.</summary>
    public static byte[] New(ConsentEvent e) => Of(e, ConsentLogLeaf.NewSalt());

    /// <summary><paramref name="salt"/> with the field check of <paramref name="e"/> under it after it.</summary>
    public static byte[] Of(ConsentEvent e, byte[] salt)
    {
        var stored = new byte[Size];
        salt.CopyTo(stored, 0);
        BinaryPrimitives.WriteInt32BigEndian(stored.AsSpan(ConsentLogLeaf.SaltSize), ConsentLogLeaf.FieldCheck(e, salt));
        return stored;
    }

    /// <summary>The salt alone, as the leaf takes it.</summary>
    public static ReadOnlySpan<byte> Salt(byte[] stored) => stored.AsSpan(0, Math.Min(stored.Length, ConsentLogLeaf.SaltSize));

    /// <summary>The salt and the check a stored value holds (no check in a salt stored alone).</summary>
    public static (byte[] Salt, int? FieldCheck) Split(byte[] stored) =>
        stored.Length == Size
            ? (stored[..ConsentLogLeaf.SaltSize], BinaryPrimitives.ReadInt32BigEndian(stored.AsSpan(ConsentLogLeaf.SaltSize)))
            : (stored, null);
}
