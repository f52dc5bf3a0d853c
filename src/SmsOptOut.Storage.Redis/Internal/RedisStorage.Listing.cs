using System.Globalization;
using System.Text;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Suppression;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// The dashboard's list of suppressed numbers. Each account keeps <c>supt</c>, a lexicographic sorted set of its
/// suppressions by since (since to the microsecond, number, list: <see cref="SuppressionKeys.ListingMember"/>), which writes and erasures maintain in the
/// scripts that change the suppressions; an account whose suppressions predate it gets it built once, in chunks, on
/// its first listing (<c>suptok</c> marks it complete). A page reads <c>supt</c> backwards from the cursor (or the
/// range's end) to the range's start in bounded script steps that check the list and source of each member; a number
/// is read from <c>supz</c> by its prefix.
/// </summary>
internal sealed partial class RedisStorage : ISuppressionListing
{
    /// <summary>The most members one listing step reads, so a filter that matches little never holds Redis for long.</summary>
    private const int ListingStep = 1_000;

    /// <summary>The chunk of the one-time build of an account's listing index.</summary>
    private const int ListingBuildChunk = 2_000;

    /// <summary>The accounts whose listing index this instance has seen complete.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _listingIndexed = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SuppressedNumber>> ListSuppressedAsync(AccountId account, SuppressionFilter filter, SuppressionListCursor after, int limit,
        CancellationToken cancellationToken = default)
    {
        SuppressionListingArguments.ValidateListing(account, filter, after, limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        if (filter.Number is { } number)
        {
            return await ListNumberAsync(database, accountKey, number, filter, after, limit).ConfigureAwait(false);
        }

        await EnsureListingIndexAsync(database, account.Value, accountKey, cancellationToken).ConfigureAwait(false);

        // supt orders to the microsecond; the exact range is checked against each entry's details in the script.
        byte[]? upper = filter.SinceBefore is { } before ? SuppressionKeys.ListingInstant(StoredValues.Ticks(before) + 9) : null;
        if (!after.IsStart)
        {
            var cursor = SuppressionKeys.ListingMember(StoredValues.Ticks(after.Since), after.Number.Value, after.ListKey);
            upper = upper is null || cursor.AsSpan().SequenceCompareTo(upper) < 0 ? cursor : upper;
        }

        RedisValue min = filter.SinceFrom is { } from ? (byte[])[(byte)'[', .. SuppressionKeys.ListingInstant(StoredValues.Ticks(from))] : "-";
        var exactFrom = filter.SinceFrom is { } f ? Fixed(f) : string.Empty;
        var exactBefore = filter.SinceBefore is { } b ? Fixed(b) : string.Empty;
        var (mode, wanted) = filter.List is { } list ? ("=", list.Value) : filter.Scope switch
        {
            SuppressionScope.Account => ("a", string.Empty),
            SuppressionScope.List => ("l", string.Empty),
            _ => (string.Empty, string.Empty),
        };
        var source = filter.Source is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : string.Empty;
        var page = new List<SuppressedNumber>(Math.Min(limit, 1_024));
        while (page.Count < limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RedisValue max = upper is null ? "+" : (byte[])[(byte)'(', .. upper];
            var step = (RedisResult[])(await RunAsync(database, RedisScripts.ListSuppressed, accountKey,
                [accountKey, max, min, ListingStep, limit - page.Count, source, mode, wanted, exactFrom, exactBefore]).ConfigureAwait(false))!;
            for (var i = 2; i + 1 < step.Length; i += 2)
            {
                page.Add(Entry((byte[])step[i]!, (RedisValue)step[i + 1]));
            }

            var last = (byte[])step[0]!;
            if ((long)step[1] == 1 || last.Length == 0)
            {
                break;
            }

            upper = last;
        }

        return page;
    }

    /// <summary>A number's suppressions: its members of <c>supz</c> (one prefix), filtered and sorted here.</summary>
    private static async Task<IReadOnlyList<SuppressedNumber>> ListNumberAsync(IDatabase database, string accountKey, PhoneNumber number, SuppressionFilter filter,
        SuppressionListCursor after, int limit)
    {
        // The bounds as bytes: a list id may hold any character, and "…|" + U+00FF would be UTF-8 C3 BF, below some of them.
        var prefix = Encoding.UTF8.GetBytes(SuppressionKeys.Member(number.Value, string.Empty));
        var members = await database.SortedSetRangeByValueAsync(accountKey + ":supz", prefix, (byte[])[.. prefix, 0xFF], Exclude.None).ConfigureAwait(false);
        if (members.Length == 0)
        {
            return [];
        }

        var details = await DetailsAsync(database, accountKey, members).ConfigureAwait(false);
        var found = new List<SuppressedNumber>(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            if (!details[i].IsNull)
            {
                var member = (string)members[i]!;
                found.Add(Suppression(PhoneNumber.FromValue(SuppressionKeys.NumberOf(member)), SuppressionKeys.ListOf(member), details[i]));
            }
        }

        return [.. found.Where(e => filter.Matches(e) && after.Precedes(e)).Order(SuppressionListCursor.Order).Take(limit)];
    }

    /// <summary>Builds the account's listing index from its older suppressions once, unless it is known complete.</summary>
    private async Task EnsureListingIndexAsync(IDatabase database, string account, string accountKey, CancellationToken cancellationToken)
    {
        if (_listingIndexed.ContainsKey(account))
        {
            return;
        }

        if (!await database.KeyExistsAsync(accountKey + ":suptok").ConfigureAwait(false))
        {
            var done = string.Empty;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                done = (string)(await RunAsync(database, RedisScripts.BuildListingIndex, accountKey, [accountKey, done, ListingBuildChunk]).ConfigureAwait(false))!;
            }
            while (done.Length > 0);
        }

        _listingIndexed.TryAdd(account, 0);
    }

    /// <summary>An entry from its member of <c>supt</c> (<see cref="SuppressionKeys.ListingMember"/>) and its details (<c>since|source|event id</c>).</summary>
    private static SuppressedNumber Entry(byte[] member, RedisValue details) =>
        Suppression(PhoneNumber.FromValue(SuppressionKeys.NumberOfListing(member)), SuppressionKeys.ListOfListing(member), details);

    /// <summary>An instant as a suppression's details start with it.</summary>
    private static string Fixed(DateTimeOffset value) => SuppressionKeys.Since(StoredValues.Ticks(value));
}
