using System.Security.Cryptography;

namespace SmsOptOut.Links.Internal;

/// <summary>
/// Base62 (<c>0-9A-Za-z</c>): safe in GSM-7 and in every SMS app's link detection. Bytes are encoded in 8-byte chunks
/// of 11 characters (a shorter last chunk takes the fewest characters that hold it), so encoding is fast and every
/// byte string has exactly one encoding: changing any character changes the bytes or makes the text invalid.
/// </summary>
internal static class Base62
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // Characters needed for a last chunk of 0..8 bytes: the smallest n with 62^n >= 256^bytes.
    private static readonly int[] CharsForBytes = [0, 2, 3, 5, 6, 7, 9, 10, 11];
    private static readonly int[] BytesForChars = [0, -1, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8];
    private static readonly sbyte[] Values = BuildValues();

    /// <summary>A uniformly random token of <paramref name="length"/> base62 characters.</summary>
    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>
    /// <paramref name="count"/> uniformly random tokens of <paramref name="length"/> base62 characters, drawn from one
    /// buffer of cryptographic randomness (rejection sampling: bytes of 248 and above are skipped so every character
    /// is equally likely). One call to the random source per batch instead of one per token.
    /// </summary>
    public static string[] Random(int count, int length)
    {
        var tokens = new string[count];
        var pool = new byte[Math.Max(64, (count * length * 17 / 16) + 16)];
        RandomNumberGenerator.Fill(pool);
        var next = 0;
        Span<char> token = stackalloc char[length];
        for (var t = 0; t < count; t++)
        {
            for (var i = 0; i < length; i++)
            {
                int b;
                do
                {
                    if (next == pool.Length)
                    {
                        RandomNumberGenerator.Fill(pool);
                        next = 0;
                    }

                    b = pool[next++];
                }
                while (b >= 248);

                token[i] = Alphabet[b % 62];
            }

            tokens[t] = new string(token);
        }

        CryptographicOperations.ZeroMemory(pool);
        return tokens;
    }

    public static bool IsBase62(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(AlphabetValues);

    public static int EncodedLength(int byteCount) => (byteCount / 8 * 11) + CharsForBytes[byteCount % 8];

    /// <summary>Bytes encoded by <paramref name="charCount"/> characters, or -1 when no byte string encodes to that length.</summary>
    public static int DecodedLength(int charCount)
    {
        var rest = BytesForChars[charCount % 11];
        return rest < 0 ? -1 : (charCount / 11 * 8) + rest;
    }

    public static void Encode(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        while (bytes.Length > 0)
        {
            var chunk = Math.Min(8, bytes.Length);
            ulong value = 0;
            foreach (var b in bytes[..chunk])
            {
                value = (value << 8) | b;
            }

            var width = CharsForBytes[chunk];
            for (var i = width - 1; i >= 0; i--)
            {
                destination[i] = Alphabet[(int)(value % 62)];
                value /= 62;
            }

            bytes = bytes[chunk..];
            destination = destination[width..];
        }
    }

    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        while (text.Length > 0)
        {
            var width = Math.Min(11, text.Length);
            var chunk = BytesForChars[width];
            if (chunk < 0)
            {
                return false;
            }

            UInt128 value = 0;
            foreach (var c in text[..width])
            {
                if (!TryDigit(c, out var digit))
                {
                    return false;
                }

                value = (value * 62) + digit;
            }

            if (value >> (chunk * 8) != 0)
            {
                return false;
            }

            for (var i = chunk - 1; i >= 0; i--)
            {
                destination[i] = (byte)value;
                value >>= 8;
            }

            text = text[width..];
            destination = destination[chunk..];
        }

        return true;
    }

    /// <summary>The longest token <see cref="TryPack"/> packs: 62^10 &lt; 2^60 leaves 4 bits for the length.</summary>
    public const int MaxPackedLength = 10;

    /// <summary>
    /// Packs a base62 text of 1 to <see cref="MaxPackedLength"/> characters into one 64-bit value (its number, shifted
    /// left by 4, with its length in the low bits, so "0A" and "A" differ). Distinct texts give distinct values.
    /// </summary>
    public static bool TryPack(ReadOnlySpan<char> text, out ulong packed)
    {
        packed = 0;
        if (text.IsEmpty || text.Length > MaxPackedLength)
        {
            return false;
        }

        ulong value = 0;
        foreach (var c in text)
        {
            if (!TryDigit(c, out var digit))
            {
                return false;
            }

            value = (value * 62) + digit;
        }

        packed = (value << 4) | (uint)text.Length;
        return true;
    }

    /// <summary>The text <see cref="TryPack"/> packed into <paramref name="packed"/>.</summary>
    public static string Unpack(ulong packed)
    {
        var length = (int)(packed & 0xF);
        var value = packed >> 4;
        return string.Create(length, value, static (chars, v) =>
        {
            for (var i = chars.Length - 1; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(v % 62)];
                v /= 62;
            }
        });
    }

    private static bool TryDigit(char c, out uint digit)
    {
        var value = c < Values.Length ? Values[c] : -1;
        digit = (uint)value;
        return value >= 0;
    }

    private static readonly System.Buffers.SearchValues<char> AlphabetValues = System.Buffers.SearchValues.Create(Alphabet);

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
