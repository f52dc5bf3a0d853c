using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;

namespace SmsOptOut.Links.Internal;

/// <summary>
/// Stateless tokens: the target encrypted and authenticated in a synthetic-IV construction.
/// <code>
/// token  = base62( keyId[1] ‖ tag[12] ‖ ciphertext )
/// tag    = HMAC-SHA256(macKey, keyId ‖ plaintext)[0..12]          (96-bit MAC, compared in constant time)
/// cipher = plaintext XOR AES-256-CTR(encKey, iv = tag ‖ counter32)
/// plaintext = number[7] ‖ expiryDay[2] ‖ account ‖ list ‖ campaign   (each id: varint UTF-8 length ‖ bytes; campaign length 0 = none)
/// </code>
/// Nothing of the target is readable without the key; any change to any character fails the MAC.
/// </summary>
internal static class StatelessTokenCodec
{
    public const int TagSize = 12;
    private const int HeaderSize = 1 + TagSize;
    private const int FixedPayload = 7 + 2;
    private const int MaxTokenBytes = 2048;
    private static readonly DateTime DayZero = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The expiry a token can carry: <paramref name="instant"/> rounded up to the next UTC midnight.</summary>
    public static DateTimeOffset RoundExpiry(DateTimeOffset instant)
    {
        var days = (int)Math.Ceiling((instant.UtcDateTime - DayZero).TotalDays);
        return new DateTimeOffset(DayZero.AddDays(Math.Clamp(days, 0, ushort.MaxValue)));
    }

    public static int TokenLength(OptOutLinkTarget target) => Base62.EncodedLength(HeaderSize + PayloadLength(target));

    public static string Encode(LinkKey key, OptOutLinkTarget target, DateTimeOffset expiresAt)
    {
        var payloadLength = PayloadLength(target);
        var total = HeaderSize + payloadLength;
        var rented = ArrayPool<byte>.Shared.Rent((total * 2) + 32);
        try
        {
            var token = rented.AsSpan(0, total);
            var plaintext = rented.AsSpan(total, payloadLength);
            WritePayload(plaintext, target, expiresAt);

            token[0] = key.Id;
            ComputeTag(key, token[0], plaintext, token.Slice(1, TagSize));
            Crypt(key, token.Slice(1, TagSize), plaintext, token[HeaderSize..]);
            return string.Create(Base62.EncodedLength(total), (ReadOnlySpan<byte>)token, static (chars, bytes) => Base62.Encode(bytes, chars));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static bool TryDecode(LinkKeyRing keys, ReadOnlySpan<char> text, out OptOutLinkTarget target, out DateTimeOffset expiresAt)
    {
        target = default;
        expiresAt = default;
        var length = Base62.DecodedLength(text.Length);
        if (length < HeaderSize + FixedPayload + 3 || length > MaxTokenBytes)
        {
            return false;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length * 2);
        try
        {
            var token = rented.AsSpan(0, length);
            if (!Base62.TryDecode(text, token) || keys.Find(token[0]) is not { } key)
            {
                return false;
            }

            var tag = token.Slice(1, TagSize);
            var plaintext = rented.AsSpan(length, length - HeaderSize);
            Crypt(key, tag, token[HeaderSize..], plaintext);
            Span<byte> expected = stackalloc byte[TagSize];
            ComputeTag(key, token[0], plaintext, expected);
            return CryptographicOperations.FixedTimeEquals(expected, tag) && TryReadPayload(plaintext, out target, out expiresAt);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    private static int PayloadLength(OptOutLinkTarget target) =>
        FixedPayload + IdLength(target.Account.Value) + IdLength(target.List.Value) + IdLength(target.Campaign?.Value);

    private static int IdLength(string? id)
    {
        var bytes = id is null ? 0 : Encoding.UTF8.GetByteCount(id);
        return VarIntLength(bytes) + bytes;
    }

    private static int VarIntLength(int value) => value < 0x80 ? 1 : 2;

    private static void WritePayload(Span<byte> destination, OptOutLinkTarget target, DateTimeOffset expiresAt)
    {
        var number = target.Number.Value;
        for (var i = 6; i >= 0; i--)
        {
            destination[i] = (byte)number;
            number >>= 8;
        }

        var days = (ushort)Math.Clamp((int)Math.Ceiling((expiresAt.UtcDateTime - DayZero).TotalDays), 0, ushort.MaxValue);
        BinaryPrimitives.WriteUInt16BigEndian(destination[7..], days);
        var rest = destination[FixedPayload..];
        rest = WriteId(rest, target.Account.Value);
        rest = WriteId(rest, target.List.Value);
        WriteId(rest, target.Campaign?.Value);
    }

    private static Span<byte> WriteId(Span<byte> destination, string? id)
    {
        var length = id is null ? 0 : Encoding.UTF8.GetByteCount(id);
        if (length < 0x80)
        {
            destination[0] = (byte)length;
            destination = destination[1..];
        }
        else
        {
            destination[0] = (byte)(0x80 | (length & 0x7F));
            destination[1] = (byte)(length >> 7);
            destination = destination[2..];
        }

        if (id is not null)
        {
            Encoding.UTF8.GetBytes(id, destination);
        }

        return destination[length..];
    }

    private static bool TryReadPayload(ReadOnlySpan<byte> payload, out OptOutLinkTarget target, out DateTimeOffset expiresAt)
    {
        target = default;
        expiresAt = default;
        ulong number = 0;
        foreach (var b in payload[..7])
        {
            number = (number << 8) | b;
        }

        expiresAt = new DateTimeOffset(DayZero.AddDays(BinaryPrimitives.ReadUInt16BigEndian(payload[7..])));
        var rest = payload[FixedPayload..];
        if (!TryReadId(ref rest, out var account) || account is null
            || !TryReadId(ref rest, out var list) || list is null
            || !TryReadId(ref rest, out var campaign) || !rest.IsEmpty)
        {
            return false;
        }

        try
        {
            target = new OptOutLinkTarget(new AccountId(account), new ListId(list), PhoneNumber.FromValue(number),
                campaign is null ? (CampaignId?)null : new CampaignId(campaign));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool TryReadId(ref ReadOnlySpan<byte> source, out string? id)
    {
        id = null;
        if (source.IsEmpty)
        {
            return false;
        }

        int length = source[0];
        var header = 1;
        if ((length & 0x80) != 0)
        {
            if (source.Length < 2)
            {
                return false;
            }

            length = (length & 0x7F) | (source[1] << 7);
            header = 2;
        }

        if (source.Length < header + length)
        {
            return false;
        }

        if (length > 0)
        {
            id = Encoding.UTF8.GetString(source.Slice(header, length));
        }

        source = source[(header + length)..];
        return true;
    }

    private static void ComputeTag(LinkKey key, byte keyId, ReadOnlySpan<byte> plaintext, Span<byte> tag)
    {
        var rented = ArrayPool<byte>.Shared.Rent(plaintext.Length + 1);
        try
        {
            rented[0] = keyId;
            plaintext.CopyTo(rented.AsSpan(1));
            Span<byte> full = stackalloc byte[32];
            key.Mac.TryComputeHash(rented.AsSpan(0, plaintext.Length + 1), full, out _);
            full[..TagSize].CopyTo(tag);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>AES-CTR with the tag as IV: the same operation encrypts and decrypts.</summary>
    private static void Crypt(LinkKey key, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var blocks = (source.Length + 15) / 16;
        var rented = ArrayPool<byte>.Shared.Rent(blocks * 32);
        try
        {
            var counters = rented.AsSpan(0, blocks * 16);
            for (var i = 0; i < blocks; i++)
            {
                var block = counters.Slice(i * 16, 16);
                tag.CopyTo(block);
                BinaryPrimitives.WriteUInt32BigEndian(block[12..], (uint)i);
            }

            key.BlockEncryptor.TransformBlock(rented, 0, blocks * 16, rented, blocks * 16);
            var stream = rented.AsSpan(blocks * 16, blocks * 16);
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = (byte)(source[i] ^ stream[i]);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
