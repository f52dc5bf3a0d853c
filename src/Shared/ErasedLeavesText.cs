using System.Globalization;

namespace SmsOptOut.Storage;

/// <summary>
/// The leaves an erasure erased (<see cref="Privacy.ErasureRecord.ErasedLeaves"/>) as one text: their indexes in decimal,
/// ascending, separated by commas (<c>3,17,42</c>; empty for none). The erasure record's leaf takes the same text, and
/// the stores keep it as it is.
/// </summary>
internal static class ErasedLeavesText
{
    /// <summary>The text of <paramref name="leaves"/>.</summary>
    public static string Format(IReadOnlyList<long> leaves) => string.Join(',', leaves.Select(l => l.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// The leaves a stored text lists; <see cref="FormatException"/> for one that is not such a list exactly as
    /// <see cref="Format"/> writes it (a record changed behind the store's back: <c>01</c> for <c>1</c> too, since the leaf
    /// commits to the text).
    /// </summary>
    public static IReadOnlyList<long> Parse(string? text)
    {
        IReadOnlyList<long> leaves = string.IsNullOrEmpty(text) ? [] : [.. text.Split(',').Select(i => long.Parse(i, NumberStyles.None, CultureInfo.InvariantCulture))];
        return Format(leaves) == (text ?? string.Empty) ? leaves : throw new FormatException($"The erased leaves '{text}' are not indexes in decimal separated by commas, as they are written.");
    }
}
