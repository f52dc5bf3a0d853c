using SmsOptOut.Numbers;

namespace SmsOptOut.Suppression;

/// <summary>
/// A position in the order <see cref="ISuppressionListing"/> lists suppressions in, newest first: by
/// <see cref="SuppressedNumber.Since"/> descending, then number descending, then list id descending in Unicode code
/// point order (the order of their UTF-8 bytes; the account-wide entry, whose list key is empty, last). Every key
/// descends, so a SQL store pages with one row comparison, <c>(since, number, list_key) &lt; (…)</c>, over one index.
/// PostgreSQL keeps instants to the microsecond and Redis orders its listing index to the microsecond, so there two
/// entries less than a microsecond apart are ordered by number (Redis still checks a range's ends exactly).
/// <see cref="Start"/> (<c>default</c>) is the position before the newest entry.
/// </summary>
/// <param name="Since">The <see cref="SuppressedNumber.Since"/> of the last entry read.</param>
/// <param name="Number">The number of the last entry read.</param>
/// <param name="ListKey">The list id of the last entry read, or the empty string for an account-wide entry; <see langword="null"/> only in <see cref="Start"/>.</param>
public readonly record struct SuppressionListCursor(DateTimeOffset Since, PhoneNumber Number, string ListKey)
{
    /// <summary>The position before the first (newest) entry.</summary>
    public static SuppressionListCursor Start => default;

    /// <summary>Whether this is <see cref="Start"/>.</summary>
    public bool IsStart => ListKey is null;

    /// <summary>The listing order, newest first, as a comparer (for stores that sort in memory).</summary>
    public static IComparer<SuppressedNumber> Order { get; } = Comparer<SuppressedNumber>.Create(Compare);

    /// <summary>Whether <paramref name="entry"/> comes after this position, so a page that continues from here may hold it.</summary>
    /// <param name="entry">An entry.</param>
    /// <returns><see langword="true"/> when the entry belongs after the cursor (always, from <see cref="Start"/>).</returns>
    public bool Precedes(SuppressedNumber entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return IsStart || Compare(Since, Number, ListKey, entry.Since, entry.Number, entry.List?.Value ?? string.Empty) < 0;
    }

    /// <summary>Compares two entries in the listing order: negative when <paramref name="x"/> is listed first.</summary>
    /// <param name="x">An entry.</param>
    /// <param name="y">Another entry.</param>
    /// <returns>Negative, zero or positive as <paramref name="x"/> is listed before, with or after <paramref name="y"/>.</returns>
    public static int Compare(SuppressedNumber? x, SuppressedNumber? y) =>
        x is null || y is null ? (x is null).CompareTo(y is null)
        : Compare(x.Since, x.Number, x.List?.Value ?? string.Empty, y.Since, y.Number, y.List?.Value ?? string.Empty);

    private static int Compare(DateTimeOffset sinceX, PhoneNumber numberX, string listX, DateTimeOffset sinceY, PhoneNumber numberY, string listY)
    {
        var c = sinceY.UtcTicks.CompareTo(sinceX.UtcTicks);
        if (c == 0)
        {
            c = numberY.Value.CompareTo(numberX.Value);
        }

        return c != 0 ? c : SuppressionCursor.CompareListKeys(listY, listX);
    }
}
