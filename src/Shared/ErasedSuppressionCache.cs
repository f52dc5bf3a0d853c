using System.Collections.Concurrent;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;

namespace SmsOptOut.Storage;

/// <summary>
/// Shared source of the adapters (not public API): each account's pseudonymous suppressions held in memory at a version
/// of its erasures. The version moves in the same transaction as every change of them (an erasure, an opt-in that lifts
/// one), so a filter that reads the version after probing the ordinary suppressions, and checks the numbers it missed
/// against the pseudonyms of that version or a later one, never lets an erased number through: an erasure moves the
/// number from one to the other atomically.
/// </summary>
internal sealed class ErasedSuppressionCache(NumberPseudonyms pseudonyms)
{
    /// <summary>The most pseudonymous suppressions of one account held in memory; above it the store probes its database.</summary>
    public const int MaxHeld = 1_000_000;

    private readonly ConcurrentDictionary<string, Snapshot> _accounts = new(StringComparer.Ordinal);

    /// <summary>
    /// Marks the numbers not yet flagged that are suppressed under a pseudonym in the account (or in
    /// <paramref name="list"/>); returns how many, or <see langword="null"/> when the account holds more than
    /// <see cref="MaxHeld"/> and the caller must probe its database.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="version">The version of the account's erasures, read after the ordinary probe; 0 when it never had one.</param>
    /// <param name="load">Reads the account's keys and pseudonymous suppressions, with their version, in one snapshot.</param>
    /// <param name="list">The list, or <see langword="null"/> for account-wide only.</param>
    /// <param name="numbers">The batch.</param>
    /// <param name="suppressed">The flags of the ordinary probe, completed here.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public async Task<int?> MarkAsync(string account, long version, Func<CancellationToken, Task<Snapshot?>> load, ListId? list, ReadOnlyMemory<PhoneNumber> numbers,
        Memory<bool> suppressed, CancellationToken cancellationToken)
    {
        if (version == 0)
        {
            return 0;
        }

        if (!_accounts.TryGetValue(account, out var snapshot) || snapshot.Version < version)
        {
            if (await load(cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                _accounts.TryRemove(account, out _);
                return null;
            }

            snapshot = _accounts.AddOrUpdate(account, loaded, (_, held) => held.Version >= loaded.Version ? held : loaded);
        }

        return snapshot.Mark(pseudonyms, list, numbers, suppressed.Span);
    }

    /// <summary>One account's pseudonymous suppressions at one version.</summary>
    /// <param name="Version">The version of the account's erasures they reflect.</param>
    /// <param name="Keys">The keys its pseudonyms were made with.</param>
    /// <param name="AccountWide">Pseudonyms suppressed in every list.</param>
    /// <param name="Lists">Pseudonyms suppressed per list.</param>
    internal sealed record Snapshot(long Version, int[] Keys, HashSet<ulong> AccountWide, Dictionary<string, HashSet<ulong>> Lists)
    {
        /// <summary>Reads rows of (pseudonym, list key — empty for account-wide) into a snapshot.</summary>
        public static Snapshot From(long version, int[] keys, IEnumerable<(ulong Pseudonym, string ListKey)> rows)
        {
            var accountWide = new HashSet<ulong>();
            var lists = new Dictionary<string, HashSet<ulong>>(StringComparer.Ordinal);
            foreach (var (pseudonym, listKey) in rows)
            {
                if (listKey.Length == 0)
                {
                    accountWide.Add(pseudonym);
                }
                else if (lists.TryGetValue(listKey, out var set))
                {
                    set.Add(pseudonym);
                }
                else
                {
                    lists[listKey] = [pseudonym];
                }
            }

            return new Snapshot(version, keys, accountWide, lists);
        }

        public int Mark(NumberPseudonyms pseudonyms, ListId? list, ReadOnlyMemory<PhoneNumber> numbers, Span<bool> suppressed)
        {
            var forList = list is { } l ? Lists.GetValueOrDefault(l.Value) : null;
            if (Keys.Length == 0 || (AccountWide.Count == 0 && forList is null))
            {
                return 0;
            }

            var misses = new List<int>();
            for (var i = 0; i < numbers.Length; i++)
            {
                if (!suppressed[i])
                {
                    misses.Add(i);
                }
            }

            var candidates = new PhoneNumber[misses.Count];
            for (var m = 0; m < candidates.Length; m++)
            {
                candidates[m] = numbers.Span[misses[m]];
            }

            var values = new ulong[candidates.Length];
            var count = 0;
            foreach (var key in Keys)
            {
                pseudonyms.Compute(key, candidates, values);
                for (var m = 0; m < values.Length; m++)
                {
                    var position = misses[m];
                    if (!suppressed[position] && (AccountWide.Contains(values[m]) || (forList?.Contains(values[m]) ?? false)))
                    {
                        suppressed[position] = true;
                        count++;
                    }
                }
            }

            return count;
        }
    }
}
