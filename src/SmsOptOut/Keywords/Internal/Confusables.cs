using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace SmsOptOut.Keywords.Internal;

/// <summary>
/// The Unicode TR39 confusable skeleton of a folded word: each letter or digit replaced by its prototype (Cyrillic Ѕ and
/// Greek Τ become Latin S and T, the digit 0 becomes O). Two words with the same skeleton look alike. The table
/// (<c>Confusables.txt</c>, embedded) is read the first time a skeleton is asked for.
/// </summary>
internal static class Confusables
{
    private static readonly Lazy<FrozenDictionary<char, string>> Table = new(Load);

    /// <summary>Writes the skeleton of <paramref name="word"/> to <paramref name="output"/>.</summary>
    /// <returns>The characters written, or -1 when <paramref name="output"/> is too short.</returns>
    public static int WriteSkeleton(ReadOnlySpan<char> word, Span<char> output)
    {
        var table = Table.Value;
        var length = 0;
        foreach (var c in word)
        {
            ReadOnlySpan<char> prototype = table.TryGetValue(c, out var mapped) ? mapped : [c];
            if (!prototype.TryCopyTo(output[length..]))
            {
                return -1;
            }

            length += prototype.Length;
        }

        return length;
    }

    /// <summary>The skeleton of <paramref name="word"/>.</summary>
    public static string Skeleton(ReadOnlySpan<char> word)
    {
        var output = new char[word.Length * 4];
        return new string(output, 0, WriteSkeleton(word, output));
    }

    private static FrozenDictionary<char, string> Load()
    {
        using var stream = typeof(Confusables).Assembly.GetManifestResourceStream("SmsOptOut.Keywords.Confusables.txt")
            ?? throw new InvalidOperationException("The confusables table is missing from the SmsOptOut assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<char, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var separator = line.IndexOf(';', StringComparison.Ordinal);
            var source = (char)int.Parse(line.AsSpan(0, separator), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var prototype = new StringBuilder();
            foreach (var part in line[(separator + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                prototype.Append(char.ConvertFromUtf32(int.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            table[source] = prototype.ToString();
        }

        return table.ToFrozenDictionary();
    }
}
