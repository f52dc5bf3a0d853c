using System.Buffers;
using System.Text;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// A user agent as an event record keeps it (key layout 5): its UTF-8 with each of the fragments every browser repeats
/// (<see cref="Fragments"/>: "Mozilla/5.0 (", " AppleWebKit/537.36 (KHTML, like Gecko)" and the like) written as
/// one byte, <c>0x01</c> for the first fragment to <c>0x1F</c> for the 31st — a static table, as HTTP/2's HPACK keeps one
/// for its headers. An iPhone's Safari user agent of 130 bytes becomes 15. A control character of the text itself
/// (<c>U+0000</c>–<c>U+001F</c>, which no fragment starts with) is written after a <c>0x00</c>; UTF-8 never uses a byte
/// below <c>0x80</c> inside a character, so every other byte is the text's own.
/// </summary>
/// <remarks>
/// The table is part of the stored format: records written with it must read back for as long as they are kept, so an
/// entry is never changed or removed (a test pins the table); new fragments may only be added at the end, up to 31.
/// A zstd frame with a dictionary of the same fragments saved as much on these strings, at about 23 µs a record with
/// the managed port against well under one here, and a dependency more.
/// </remarks>
internal static class UserAgentPacking
{
    /// <summary>The fragments, in byte order from <c>0x01</c>. Never change or reorder an entry; add new ones at the end.</summary>
    internal static readonly string[] Fragments =
    [
        "Mozilla/5.0 (",
        "iPhone; CPU iPhone OS ",
        " like Mac OS X)",
        " AppleWebKit/605.1.15 (KHTML, like Gecko)",
        " Version/",
        " Mobile/15E148",
        " Safari/604.1",
        "Linux; Android ",
        " AppleWebKit/537.36 (KHTML, like Gecko)",
        " Chrome/",
        " Mobile Safari/537.36",
        " Safari/537.36",
        "Windows NT 10.0; Win64; x64",
        "Macintosh; Intel Mac OS X 10_15_7",
        "iPad; CPU OS ",
        "SamsungBrowser/",
        " CriOS/",
        " FxiOS/",
        " Gecko/20100101 Firefox/",
        "; rv:",
        " Edg/",
        " Safari/605.1.15",
        " Instagram ",
        "; wv)",
        ".0.0.0",
        "; K)",
        " [FBAN/FBIOS;",
    ];

    /// <summary>For each first character, the fragments that start with it, longest first (the longest match wins).</summary>
    private static readonly Dictionary<char, (string Text, byte Code)[]> ByFirst = Fragments
        .Select((text, i) => (Text: text, Code: (byte)(i + 1)))
        .GroupBy(f => f.Text[0])
        .ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.Text.Length).ToArray());

    private const byte Escape = 0;

    /// <summary>The packed bytes of <paramref name="userAgent"/>.</summary>
    public static byte[] Pack(string userAgent)
    {
        var packed = new ArrayBufferWriter<byte>(Math.Max(16, userAgent.Length / 2));
        var literal = 0;
        var at = 0;
        while (at < userAgent.Length)
        {
            var c = userAgent[at];
            byte code = 0;
            var length = 0;
            if (ByFirst.TryGetValue(c, out var candidates))
            {
                foreach (var (text, fragmentCode) in candidates)
                {
                    if (userAgent.AsSpan(at).StartsWith(text, StringComparison.Ordinal))
                    {
                        (code, length) = (fragmentCode, text.Length);
                        break;
                    }
                }
            }

            if (code == 0 && c >= ' ')
            {
                at++;
                continue;
            }

            Literal(packed, userAgent.AsSpan(literal, at - literal));
            var span = packed.GetSpan(2);
            if (code != 0)
            {
                span[0] = code;
                packed.Advance(1);
                at += length;
            }
            else
            {
                (span[0], span[1]) = (Escape, (byte)c);
                packed.Advance(2);
                at++;
            }

            literal = at;
        }

        Literal(packed, userAgent.AsSpan(literal));
        return packed.WrittenSpan.ToArray();
    }

    /// <summary>The user agent of packed bytes (<see cref="Pack"/>).</summary>
    /// <exception cref="FormatException">The bytes end inside an escape or name a fragment the table does not have.</exception>
    public static string Unpack(ReadOnlySpan<byte> packed)
    {
        var text = new StringBuilder(packed.Length * 3);
        var literal = 0;
        for (var at = 0; at < packed.Length; at++)
        {
            var b = packed[at];
            if (b >= 0x20)
            {
                continue;
            }

            text.Append(Encoding.UTF8.GetString(packed[literal..at]));
            if (b == Escape)
            {
                if (++at == packed.Length)
                {
                    throw new FormatException("A packed user agent ends inside an escape.");
                }

                text.Append((char)packed[at]);
            }
            else
            {
                text.Append(b <= Fragments.Length ? Fragments[b - 1] : throw new FormatException($"A packed user agent names fragment {b}, which this version does not know."));
            }

            literal = at + 1;
        }

        return text.Append(Encoding.UTF8.GetString(packed[literal..])).ToString();
    }

    private static void Literal(ArrayBufferWriter<byte> packed, ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty)
        {
            var written = Encoding.UTF8.GetBytes(text, packed.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
            packed.Advance(written);
        }
    }
}
