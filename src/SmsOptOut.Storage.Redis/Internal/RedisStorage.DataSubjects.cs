using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using SmsOptOut.Privacy;
using SmsOptOut.Suppression;
using SmsOptOut.Webhooks;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage
{
    public async Task<IReadOnlyList<AccountId>> FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var num = number.Value.ToString(CultureInfo.InvariantCulture);
        var accounts = await AccountsAsync(database).ConfigureAwait(false);
        var checks = accounts.Select(a => (Account: a, Holds: HoldsAsync(database, AccountKey(a), num))).ToList();
        var found = new List<AccountId>();
        foreach (var (account, holds) in checks)
        {
            if (await holds.ConfigureAwait(false))
            {
                found.Add(new AccountId(account));
            }
        }

        return found;
    }

    public async Task<ErasureRecord> EraseAsync(PhoneNumber number, NumberPseudonym pseudonym, ErasureRecord record, CancellationToken cancellationToken = default)
    {
        DataSubjectStoreArguments.ValidateErasure(number, pseudonym, record);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(record.Account.Value);
        var num = number.Value.ToString(CultureInfo.InvariantCulture);
        // The record's leaf lists the number's events' leaves, read first; the script refuses if they moved meanwhile and
        // says what they are now, which the next attempt takes (a write of the number in between).
        var listed = (string?)await RunAsync(database, RedisScripts.NumberEvents, accountKey, [accountKey, num]).ConfigureAwait(false) ?? string.Empty;
        for (var attempt = 1; ; attempt++)
        {
            var leaves = listed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(i => long.Parse(i, CultureInfo.InvariantCulture)).Where(i => i >= 0).Order().ToArray();
            var erased = record with { ErasedLeaves = leaves };
            var counts = (RedisResult[])(await RunAcknowledgedAsync(database, RedisScripts.Erase, accountKey,
            [
                accountKey, num, SuppressionKeys.Number(number.Value),
                pseudonym.Value.ToString(CultureInfo.InvariantCulture), pseudonym.KeyId + ":" + _pseudonyms.Fingerprint(pseudonym.KeyId), record.RequestId, record.Reason,
                Ticks(record.ErasedAt), listed, Evidence.ConsentLogLeaf.ErasureHash(erased), ErasedLeavesText.Format(leaves),
            ]).ConfigureAwait(false))!;
            if ((long)counts[0] < 0)
            {
                if (attempt == MaxErasureAttempts)
                {
                    throw new InvalidOperationException($"The events of the number changed during each of {MaxErasureAttempts} attempts to erase it from account '{record.Account.Value}'; nothing was erased. Try again.");
                }

                // Retried at once with the indexes the script found; under a stream of writes to the number, after a growing pause.
                listed = (string)counts[1]!;
                if (attempt > 3)
                {
                    await Task.Delay(Random.Shared.Next(1, attempt), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            await DeletePointersAsync(database, counts[6..]).ConfigureAwait(false);
            return erased with
            {
                Events = (int)counts[0], Suppressions = (int)counts[1], Tokens = (int)counts[2], Webhooks = (int)counts[3], Replies = (int)counts[4],
                LogIndex = (long)counts[5] is var index and >= 0 ? index : null,
            };
        }
    }

    /// <summary>How many times an erasure reads the number's events again when they moved under it (a write of the number meanwhile).</summary>
    private const int MaxErasureAttempts = 32;

    public async IAsyncEnumerable<ErasureRecord> GetErasuresAsync(AccountId account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        foreach (var json in await database.ListRangeAsync(AccountKey(account.Value) + ":era").ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = JsonSerializer.Deserialize((string)json!, RedisJsonContext.Default.RedisStoredErasure)!;
            yield return Erasure(account, stored);
        }
    }

    /// <summary>An erasure record as the <c>era</c> list keeps it.</summary>
    private static ErasureRecord Erasure(AccountId account, RedisStoredErasure stored) =>
        new(account, stored.RequestId, stored.Reason, StoredValues.Instant(long.Parse(stored.ErasedAt, CultureInfo.InvariantCulture)))
        {
            Events = stored.Events, Suppressions = stored.Suppressions, Tokens = stored.Tokens, Webhooks = stored.Webhooks, Replies = stored.Replies,
            LogIndex = stored.LogIndex, ErasedLeaves = ErasedLeavesText.Parse(stored.Leaves),
        };

    public async Task<IReadOnlyList<SuppressedNumber>> GetSuppressionsAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        var prefix = SuppressionKeys.Member(number.Value, string.Empty);
        var members = await database.SortedSetRangeByValueAsync(accountKey + ":supz", prefix, prefix + "\u00ff", Exclude.None).ConfigureAwait(false);
        var details = members.Length == 0 ? [] : await DetailsAsync(database, accountKey, members).ConfigureAwait(false);
        var found = new List<SuppressedNumber>(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            found.Add(Suppression(number, SuppressionKeys.ListOf((string)members[i]!), details[i]));
        }

        return found;
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetWebhooksAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var messages = new List<OutboxMessage>();
        foreach (var id in await database.SetMembersAsync(NumberKey(account.Value, "msgn", number)).ConfigureAwait(false))
        {
            if (await FindAsync(database, account.Value, (string)id!).ConfigureAwait(false) is { } message)
            {
                messages.Add(message);
            }
        }

        return [.. messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<StoredLinkToken>> GetTokensAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var tokens = new List<StoredLinkToken>();
        foreach (var token in await database.SetMembersAsync(TokenIndexKey(account.Value, number.Value)).ConfigureAwait(false))
        {
            if (await ReadTokenAsync(database, account.Value, (string)token!).ConfigureAwait(false) is { } stored)
            {
                tokens.Add(stored);
            }
        }

        return [.. tokens.OrderBy(t => t.ExpiresAt).ThenBy(t => t.Token, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Visits each account's events once, in log order (the events recorded before the log, which key layout 6 added to
    /// it, first), from where the last run
    /// stopped (the next place per account in <c>retwm</c>); an event recorded at or after the cutoff stops that account's
    /// run, so the run goes on from it once the cutoff has passed it. Each change replaces the event's record only if it
    /// is unchanged since it was read.
    /// </summary>
    public async Task<int> MinimizeEvidenceAsync(DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var cutoff = StoredValues.Ticks(recordedBefore);
        var changed = 0;
        foreach (var account in await AccountsAsync(database).ConfigureAwait(false))
        {
            var accountKey = AccountKey(account);
            var held = await database.HashGetAsync(_root + ":retwm", account).ConfigureAwait(false);
            var next = held.IsNull ? 0L : (long)held;
            var (first, backfilled) = await BackfilledAsync(database, accountKey).ConfigureAwait(false) is { } b ? (b.Base, b.Count) : (0L, 0L);
            var stopped = false;
            while (changed < limit && !stopped)
            {
                // Places 0 … backfilled − 1 are the events recorded before the log (the oldest; key layout 6 appended
                // them at first … first + backfilled − 1), then the log's other indexes in order.
                var size = await database.ListLengthAsync(accountKey + ":log").ConfigureAwait(false);
                var rest = next - backfilled;
                var (from, end) = rest < 0 ? (first + next, first + backfilled) : rest < first ? (rest, first) : (rest + backfilled, size);
                var count = (int)Math.Min(ReadChunk, end - from);
                if (count <= 0)
                {
                    break;
                }

                var records = (await ReadRecordsAsync(database, accountKey, from, count).ConfigureAwait(false)).Select((r, j) => (Index: from + j, Record: r)).ToArray();
                if (records.Length == 0)
                {
                    break;
                }

                foreach (var (index, record) in records)
                {
                    if (changed == limit)
                    {
                        break;
                    }

                    if (IsEvent(record))
                    {
                        var bytes = (byte[])record!;
                        if (RedisEventRecord.RecordedTicks(bytes) >= cutoff)
                        {
                            stopped = true;
                            break;
                        }

                        var (e, _) = RedisEventRecord.Decode(new AccountId(account), bytes);
                        if (ConsentEvidenceMinimizer.HasPersonalDetails(e.Evidence))
                        {
                            var (list, at) = EventPlace(accountKey, index);
                            changed += (int)await RunAsync(database, RedisScripts.ReplaceEvent, accountKey,
                                [list.ToString(), at, record, RedisEventRecord.Encode(e with { Evidence = ConsentEvidenceMinimizer.Minimize(e.Evidence) }, salt: null)]).ConfigureAwait(false);
                        }
                    }

                    next++;
                }

                await database.HashSetAsync(_root + ":retwm", account, next).ConfigureAwait(false);
            }
        }

        return changed;
    }

    /// <summary>Whether an account holds anything of a number: history, tokens or a reply row.</summary>
    private static Task<bool> HoldsAsync(IDatabase database, string accountKey, string number)
    {
        var batch = database.CreateBatch();
        var history = HasEventsAsync(batch.ScriptEvaluateAsync(RedisScripts.NumberEvents, [accountKey], [accountKey, number]));
        var tokens = batch.KeyExistsAsync(accountKey + ":tokn:" + number);
        var replies = batch.HashExistsAsync(accountKey + ":reply", number);
        batch.Execute();
        return AnyAsync(history, tokens, replies);

        static async Task<bool> HasEventsAsync(Task<RedisResult> indexes) => !(await indexes.ConfigureAwait(false)).IsNull;

        static async Task<bool> AnyAsync(params Task<bool>[] checks) => (await Task.WhenAll(checks).ConfigureAwait(false)).Any(b => b);
    }

    private string NumberKey(string account, string index, PhoneNumber number) => AccountKey(account) + ":" + index + ":" + number.Value.ToString(CultureInfo.InvariantCulture);
}
