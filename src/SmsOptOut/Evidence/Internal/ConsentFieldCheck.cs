using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using SmsOptOut.Consent;

namespace SmsOptOut.Evidence.Internal;

/// <summary>
/// An event's field check (docs/evidence.md, "Which field changed"): four bytes kept beside its salt that let
/// verification name the one field of an event that no longer gives its leaf. Each of the event's
/// <see cref="ConsentLeaf.FieldNames"/> is hashed, as its netstring in the form, with XxHash3 under a seed taken from the
/// salt and its position, reduced modulo the prime 65,521: <c>h₁ … h₂₂</c>. The check is <c>S = Σ hᵢ</c> and
/// <c>T = Σ i·hᵢ</c> (mod 65,521), <c>S</c> in the high 16 bits. When one field changes, the differences of the sums
/// are <c>ΔS = Δh</c> and <c>ΔT = i·Δh</c>, so <c>i = ΔT / ΔS</c>; when several change, that quotient falls outside
/// 1 … 22 but for about one change in 3,000. It is a hint, not evidence: it is not in the leaf, so whoever edits a
/// field can rewrite it too (verification then says the fields agree with their check), and an edit to it alone
/// changes no evidence. Keyed by the salt, it goes when the salt goes and says nothing of an erased number.
/// </summary>
internal static class ConsentFieldCheck
{
    private const uint Prime = 65521;

    /// <summary>The size of a field check as stores keep it: four bytes, big-endian.</summary>
    public const int Size = 4;

    /// <summary>The field check of <paramref name="e"/> under <paramref name="salt"/>.</summary>
    public static int Compute(ConsentEvent e, ReadOnlySpan<byte> salt)
    {
        var (sum, weighted) = Sums(e, salt);
        return (int)((sum << 16) | weighted);
    }

    /// <summary>
    /// What <paramref name="check"/>, computed when <paramref name="e"/> was recorded, says of the event as it is now:
    /// <see cref="FieldChange.Agrees"/> when the fields still give it, the name of the one field that changed, or
    /// neither when several did (or the salt).
    /// </summary>
    public static FieldChange Locate(int check, ConsentEvent e, ReadOnlySpan<byte> salt)
    {
        var (sum, weighted) = Sums(e, salt);
        var deltaSum = ((sum + Prime) - (((uint)check >> 16) % Prime)) % Prime;
        var deltaWeighted = ((weighted + Prime) - (((uint)check & 0xFFFF) % Prime)) % Prime;
        if (deltaSum == 0 && deltaWeighted == 0)
        {
            return new FieldChange(true, null);
        }

        if (deltaSum == 0 || deltaWeighted == 0)
        {
            return new FieldChange(false, null);
        }

        var position = (ulong)deltaWeighted * Power(deltaSum, Prime - 2) % Prime;
        return new FieldChange(false, position is >= 1 and <= 22 ? ConsentLeaf.FieldNames[position - 1] : null);
    }

    /// <summary>The check as four big-endian bytes.</summary>
    public static byte[] ToBytes(int check)
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteInt32BigEndian(bytes, check);
        return bytes;
    }

    private static (uint Sum, uint Weighted) Sums(ConsentEvent e, ReadOnlySpan<byte> salt)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ConsentLeaf.MaxSize(e));
        try
        {
            Span<int> ends = stackalloc int[ConsentLeaf.FormParts];
            ConsentLeaf.Write(e, salt, buffer, ends);
            var seed = BinaryPrimitives.ReadInt64LittleEndian(salt) ^ BinaryPrimitives.ReadInt64LittleEndian(salt[8..]);
            ulong sum = 0, weighted = 0;
            for (var i = 1; i <= ConsentLeaf.FieldNames.Length; i++)
            {
                var start = ends[i];
                var h = XxHash3.HashToUInt64(buffer.AsSpan(start, ends[i + 1] - start), seed + i) % Prime;
                sum += h;
                weighted += (ulong)i * h;
            }

            return ((uint)(sum % Prime), (uint)(weighted % Prime));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ulong Power(ulong value, ulong exponent)
    {
        ulong result = 1;
        for (value %= Prime; exponent > 0; exponent >>= 1, value = value * value % Prime)
        {
            if ((exponent & 1) != 0)
            {
                result = result * value % Prime;
            }
        }

        return result;
    }
}
