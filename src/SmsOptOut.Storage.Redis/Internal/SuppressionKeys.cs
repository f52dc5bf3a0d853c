namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// How a suppression is named in the sorted sets (key layout 5): a number as 9 characters and an instant (ticks) as 11,
/// in base 62 with the digits <c>0-9A-Za-z</c> (in ASCII order, so fixed-width values sort as their numbers do, which the
/// lexicographic ranges rely on). <c>supz</c>'s member is <c>number|list</c> (the list empty for account-wide),
/// a suppression's details start with its since (and <c>supt</c>'s members are binary, <see cref="ListingMember"/>). Layout 4 wrote 15 and 19
/// decimal digits: each member then took a larger allocation (48 bytes instead of 32 in <c>supt</c>, 32 instead of 16
/// in <c>supz</c>).
/// </summary>
internal static class SuppressionKeys
{
    /// <summary>The width of a number (E.164, at most 15 digits: below 62⁹).</summary>
    public const int NumberWidth = 9;

    /// <summary>The width of an instant in ticks (any <see cref="long"/> that is not negative: below 62¹¹).</summary>
    public const int SinceWidth = 11;

    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A number as <see cref="NumberWidth"/> characters.</summary>
    public static string Number(ulong number) => Fixed(number, NumberWidth);

    /// <summary>An instant's ticks as <see cref="SinceWidth"/> characters.</summary>
    public static string Since(long ticks) => Fixed((ulong)ticks, SinceWidth);

    /// <summary>A member of <c>supz</c>: the number, a bar, the list's key (empty for account-wide).</summary>
    public static string Member(ulong number, string listKey) => string.Create(NumberWidth + 1 + listKey.Length, (number, listKey), static (span, state) =>
    {
        Write(state.number, span[..NumberWidth]);
        span[NumberWidth] = '|';
        state.listKey.CopyTo(span[(NumberWidth + 1)..]);
    });

    /// <summary>The number a member of <c>supz</c> starts with.</summary>
    public static ulong NumberOf(ReadOnlySpan<char> member) => Parse(member[..NumberWidth], "number");

    /// <summary>The list key of a member of <c>supz</c> (empty for account-wide).</summary>
    public static string ListOf(string member) => member[(NumberWidth + 1)..];

    /// <summary>The ticks of an instant written by <see cref="Since"/>.</summary>
    public static long TicksOf(ReadOnlySpan<char> since) => (long)Parse(since, "instant");

    /// <summary>The ticks of an instant written by <see cref="Since"/>, as UTF-8 bytes.</summary>
    public static long TicksOf(ReadOnlySpan<byte> since)
    {
        Span<char> text = stackalloc char[SinceWidth];
        if (since.Length != SinceWidth)
        {
            throw new FormatException($"A suppression's since in Redis is '{System.Text.Encoding.UTF8.GetString(since)}', where {SinceWidth} base-62 characters were expected.");
        }

        for (var i = 0; i < since.Length; i++)
        {
            text[i] = (char)since[i];
        }

        return TicksOf(text);
    }

    /// <summary>The bytes of a listing member's instant (microseconds) and of its number, each big-endian.</summary>
    public const int ListingWidth = 7;

    /// <summary>
    /// A member of <c>supt</c>, the listing's index by since (key layout 7): the since in microseconds (ticks / 10, at most
    /// 2⁵⁶ − 1: the year 2284) and the number, <see cref="ListingWidth"/> big-endian bytes each, then the list's key in
    /// UTF-8 (nothing for account-wide). Fourteen bytes for an account-wide suppression: with its one-byte header it takes
    /// a 16-byte allocation, where layout 6's 22 characters took 32. Lexicographic order is since (to the microsecond, as
    /// PostgreSQL keeps it), then number, then list; the exact since is in the details.
    /// </summary>
    public static byte[] ListingMember(long ticks, ulong number, string listKey)
    {
        var member = new byte[(2 * ListingWidth) + System.Text.Encoding.UTF8.GetByteCount(listKey)];
        WriteListingInstant(ticks, member);
        WriteBigEndian(number, member.AsSpan(ListingWidth, ListingWidth));
        System.Text.Encoding.UTF8.GetBytes(listKey, member.AsSpan(2 * ListingWidth));
        return member;
    }

    /// <summary>The <see cref="ListingWidth"/> bytes of an instant as <see cref="ListingMember"/> starts with it.</summary>
    public static byte[] ListingInstant(long ticks)
    {
        var instant = new byte[ListingWidth];
        WriteListingInstant(ticks, instant);
        return instant;
    }

    /// <summary>The number of a member of <c>supt</c>.</summary>
    public static ulong NumberOfListing(ReadOnlySpan<byte> member)
    {
        if (member.Length < 2 * ListingWidth)
        {
            throw new FormatException($"A member of the listing index in Redis is {member.Length} bytes, where at least {2 * ListingWidth} were expected.");
        }

        var number = 0UL;
        foreach (var b in member.Slice(ListingWidth, ListingWidth))
        {
            number = (number << 8) | b;
        }

        return number;
    }

    /// <summary>The list key of a member of <c>supt</c> (empty for account-wide).</summary>
    public static string ListOfListing(ReadOnlySpan<byte> member) => System.Text.Encoding.UTF8.GetString(member[(2 * ListingWidth)..]);

    private static void WriteListingInstant(long ticks, Span<byte> destination) =>
        WriteBigEndian(Math.Min((ulong)Math.Max(ticks, 0) / 10, (1UL << (8 * ListingWidth)) - 1), destination[..ListingWidth]);

    private static void WriteBigEndian(ulong value, Span<byte> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }

        if (value != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"The value does not fit in {destination.Length} bytes.");
        }
    }

    private static string Fixed(ulong value, int width) => string.Create(width, value, static (span, v) => Write(v, span));

    private static void Write(ulong value, Span<char> span)
    {
        for (var i = span.Length - 1; i >= 0; i--)
        {
            span[i] = Digits[(int)(value % 62)];
            value /= 62;
        }

        if (value != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"The value does not fit in {span.Length} base-62 characters.");
        }
    }

    private static ulong Parse(ReadOnlySpan<char> text, string what)
    {
        var value = 0UL;
        foreach (var c in text)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                >= 'a' and <= 'z' => c - 'a' + 36,
                _ => throw new FormatException($"A suppression's {what} in Redis is '{text.ToString()}', which is not base 62 ({Digits})."),
            };
            value = checked((value * 62) + (ulong)digit);
        }

        return value;
    }
}
