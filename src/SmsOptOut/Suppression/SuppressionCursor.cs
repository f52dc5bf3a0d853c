using SmsOptOut.Numbers;

namespace SmsOptOut.Suppression;

/// <summary>
/// A position in the order every store pages suppressions in: by number, then by list id in Unicode code point order
/// (the order of their UTF-8 bytes; the account-wide entry, whose list key is empty, first). <c>default</c> is the start.
/// </summary>
/// <param name="Number">The number of the last entry read.</param>
/// <param name="ListKey">The list id of the last entry read, or the empty string for an account-wide entry.</param>
public readonly record struct SuppressionCursor(PhoneNumber Number, string ListKey)
{
    /// <summary>The position before the first entry.</summary>
    public static SuppressionCursor Start => default;

    /// <summary>Whether the entry (<paramref name="number"/>, <paramref name="listKey"/>) comes after this position.</summary>
    /// <param name="number">The number of an entry.</param>
    /// <param name="listKey">The list key of an entry (empty for account-wide).</param>
    /// <returns><see langword="true"/> when the entry belongs after the cursor.</returns>
    public bool Precedes(PhoneNumber number, string listKey)
    {
        var byNumber = Number.Value.CompareTo(number.Value);
        return byNumber < 0 || (byNumber == 0 && CompareListKeys(ListKey ?? string.Empty, listKey) < 0);
    }

    /// <summary>Compares two list keys in Unicode code point order, the order SQL stores get from binary collations.</summary>
    /// <param name="left">A list key.</param>
    /// <param name="right">Another list key.</param>
    /// <returns>Negative, zero or positive as <paramref name="left"/> sorts before, with or after <paramref name="right"/>.</returns>
    public static int CompareListKeys(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var a = left.EnumerateRunes();
        var b = right.EnumerateRunes();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA.CompareTo(hasB);
            }

            var c = a.Current.Value.CompareTo(b.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
