namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// How a suppression is named in the sorted sets (key layout 5): a number as 9 characters and an instant (ticks) as 11,
/// in base 62 with the digits <c>0-9A-Za-z</c> (in ASCII order, so fixed-width values sort as their numbers do, which the
/// lexicographic ranges rely on). <c>supz</c>'s member is <c>number|list</c> (the list empty for account-wide),
/// <c>supt</c>'s <c>since|number|list</c>, and a suppression's details start with its since. Layout 4 wrote 15 and 19
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
