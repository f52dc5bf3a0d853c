using System.Globalization;

namespace SmsOptOut.Benchmarks;

/// <summary>Deterministic inputs shared by the benchmarks.</summary>
internal static class Corpus
{
    /// <summary>E.164 strings across several countries, all possible numbers.</summary>
    public static string[] E164(int count)
    {
        var random = new Random(1);
        var prefixes = new[] { "+1212", "+1415", "+4917", "+4915", "+447", "+336", "+3934", "+346", "+3161", "+4869" };
        var lengths = new[] { 7, 7, 9, 9, 9, 8, 8, 8, 7, 7 };
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var p = random.Next(prefixes.Length);
            result[i] = prefixes[p] + random.NextInt64((long)Math.Pow(10, lengths[p] - 1), (long)Math.Pow(10, lengths[p])).ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>Human formats as people type them, read with default region US.</summary>
    public static string[] Human(int count)
    {
        var random = new Random(2);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var local = random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
            result[i] = (i % 5) switch
            {
                0 => $"({random.Next(201, 989)}) {local[..3]}-{local[3..]}",
                1 => $"+1 {random.Next(201, 989)} {local[..3]} {local[3..]}",
                2 => $"+44 20 {local[..3]}{random.Next(0, 9)} {local[3..]}",
                3 => $"+49 (0)176 {local}{random.Next(0, 9)}",
                _ => $"1-{random.Next(201, 989)}-{local[..3]}-{local[3..]}",
            };
        }

        return result;
    }
}
