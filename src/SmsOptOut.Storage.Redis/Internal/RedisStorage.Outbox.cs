using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Webhooks;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage
{
    /// <summary>The account of each message this instance claimed, so recording its attempt goes straight to the account's slot.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _claimedMessages = new(StringComparer.Ordinal);

    /// <summary>
    /// Claims from the accounts the wake index lists as due, earliest first, one script in each account's slot, until
    /// <paramref name="limit"/> messages are claimed; so dispatchers claim from every shard.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        WebhookOutboxArguments.ValidateClaim(owner, lease, limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        ForgetIfLarge(_claimedMessages);
        var claimed = await ClaimFromDueAccountsAsync(database, OutboxWake, Milliseconds(now), limit,
            (account, wanted) => RunAsync(database, RedisScripts.Claim, AccountKey(account),
                [AccountKey(account), Milliseconds(now), Ticks(now), Ticks(now + lease), Milliseconds(now + lease), owner, wanted]),
            (result, account) => ReadClaimed(result, account)).ConfigureAwait(false);
        claimed.Sort(static (a, b) => a.NextAttemptAt != b.NextAttemptAt ? a.NextAttemptAt.CompareTo(b.NextAttemptAt) : string.CompareOrdinal(a.Id, b.Id));
        return claimed;
    }

    private IEnumerable<OutboxMessage> ReadClaimed(RedisResult[] result, string account)
    {
        for (var i = 1; i < result.Length; i += 2)
        {
            var message = ReadMessage((string)result[i]!, ((RedisResult[])result[i + 1]!).Select(r => (RedisValue)r).ToArray());
            _claimedMessages[message.Id] = account;
            yield return message;
        }
    }

    public async Task<bool> RecordAttemptAsync(OutboxAttempt attempt, CancellationToken cancellationToken = default)
    {
        WebhookOutboxArguments.Validate(attempt);
        var database = await DatabaseAsync().ConfigureAwait(false);
        if ((_claimedMessages.TryRemove(attempt.MessageId, out var known) ? known : await LocateAsync(database, ":msg:" + attempt.MessageId).ConfigureAwait(false)) is not { } account)
        {
            return false;
        }

        var accountKey = AccountKey(account);
        var recorded = (int)await RunAsync(database, RedisScripts.RecordAttempt, accountKey,
            [accountKey, attempt.MessageId, attempt.LeaseOwner, (int)attempt.State, attempt.Attempts, Ticks(attempt.NextAttemptAt), Ticks(attempt.AttemptedAt),
                Milliseconds(attempt.NextAttemptAt), Milliseconds(attempt.AttemptedAt), attempt.Error is null ? string.Empty : "~" + attempt.Error]).ConfigureAwait(false) == 1;
        if (recorded && attempt.State == OutboxMessageState.Pending)
        {
            await SignalAsync(database, OutboxWake, account, Milliseconds(attempt.NextAttemptAt)).ConfigureAwait(false);
        }

        return recorded;
    }

    /// <summary>From the account's <c>recent</c> set (kept by <see cref="RedisScripts.RecordAttempt"/>); ids whose message is gone (erased, cleaned up) are dropped from it.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> GetRecentAttemptsAsync(AccountId account, int limit, CancellationToken cancellationToken = default)
    {
        WebhookDeliveryHistoryArguments.ValidateRecent(account, limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var recent = AccountKey(account.Value) + ":recent";
        var messages = new List<OutboxMessage>(limit);
        foreach (var id in await database.SortedSetRangeByRankAsync(recent, order: Order.Descending).ConfigureAwait(false))
        {
            if (messages.Count == limit)
            {
                break;
            }

            if (await FindAsync(database, account.Value, (string)id!).ConfigureAwait(false) is { } message)
            {
                messages.Add(message);
            }
            else
            {
                await database.SortedSetRemoveAsync(recent, id).ConfigureAwait(false);
            }
        }

        return messages;
    }

    /// <summary>The message is in its account's slot; the account is known for the messages this instance claimed, else looked for in every account.</summary>
    public async Task<OutboxMessage?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var account = _claimedMessages.TryGetValue(messageId, out var known) ? known : await LocateAsync(database, ":msg:" + messageId).ConfigureAwait(false);
        return account is null ? null : await FindAsync(database, account, messageId).ConfigureAwait(false);
    }

    private async Task<OutboxMessage?> FindAsync(IDatabase database, string account, string messageId)
    {
        var fields = await database.HashGetAllAsync(AccountKey(account) + ":msg:" + messageId).ConfigureAwait(false);
        return fields.Length == 0 ? null : ReadMessage(messageId, fields.SelectMany(f => new[] { f.Name, f.Value }).ToArray());
    }

    /// <summary>Bounds a map of claimed ids to accounts (claims a caller never completes would grow it): past 100,000 it starts over, and lookups fall back to asking every account.</summary>
    private static void ForgetIfLarge(System.Collections.Concurrent.ConcurrentDictionary<string, string> claims)
    {
        if (claims.Count > 100_000)
        {
            claims.Clear();
        }
    }

    /// <summary>The account holding the key with <paramref name="suffix"/>, asked of every account at once; <see langword="null"/> when none does.</summary>
    private async Task<string?> LocateAsync(IDatabase database, string suffix)
    {
        var holding = await AccountsHoldingAsync(database, suffix).ConfigureAwait(false);
        return holding.Count == 0 ? null : holding[0].Value;
    }

    public async IAsyncEnumerable<OutboxMessage> GetDeadLettersAsync(AccountId account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        foreach (var id in await database.SortedSetRangeByRankAsync(AccountKey(account.Value) + ":dead").ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await FindAsync(database, account.Value, (string)id!).ConfigureAwait(false) is { } message)
            {
                yield return message;
            }
        }
    }

    public async Task<int> ReplayDeadLettersAsync(AccountId account, IReadOnlyCollection<string>? messageIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var accountKey = AccountKey(account.Value);
        var arguments = new List<RedisValue> { accountKey, Ticks(now), Milliseconds(now), messageIds is null ? "all" : "some" };
        arguments.AddRange((messageIds ?? []).Select(id => (RedisValue)id));
        var database = await DatabaseAsync().ConfigureAwait(false);
        var replayed = (int)await RunAsync(database, RedisScripts.Replay, accountKey, [.. arguments]).ConfigureAwait(false);
        if (replayed > 0)
        {
            await SignalAsync(database, OutboxWake, account.Value, Milliseconds(now)).ConfigureAwait(false);
        }

        return replayed;
    }

    public async Task<int> MakeDueAsync(AccountId? account, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (account is { } a)
        {
            StoreArguments.ValidateAccount(a);
        }

        var database = await DatabaseAsync().ConfigureAwait(false);
        var made = 0;
        foreach (var name in account is { } one ? [one.Value] : await AccountsAsync(database).ConfigureAwait(false))
        {
            // In chunks, so no script holds Redis for long: a message made due leaves the range, one passed over stays in it.
            var (accountMade, skip) = (0, 0);
            while (true)
            {
                var result = (RedisResult[])(await RunAsync(database, RedisScripts.MakeDue, AccountKey(name),
                    [AccountKey(name), Milliseconds(now), Ticks(now), skip, DeleteChunk]).ConfigureAwait(false))!;
                var (chunkMade, scanned) = ((int)result[0], (int)result[1]);
                accountMade += chunkMade;
                skip += scanned - chunkMade;
                if (scanned < DeleteChunk)
                {
                    break;
                }
            }

            if (accountMade > 0)
            {
                await SignalAsync(database, OutboxWake, name, Milliseconds(now)).ConfigureAwait(false);
            }

            made += accountMade;
        }

        return made;
    }

    /// <summary>An account's counts are one hash; the deployment's are the sum over every account, and the oldest due is the earliest head of their due indexes.</summary>
    public async Task<OutboxCounts> CountAsync(AccountId? account = null, CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accounts = account is { } a ? [a.Value] : await AccountsAsync(database).ConfigureAwait(false);
        var counts = accounts.Select(name => database.HashGetAsync(AccountKey(name) + ":cnt", ["0", "1", "2"])).ToArray();
        var heads = account is null ? accounts.Select(name => database.SortedSetRangeByRankWithScoresAsync(AccountKey(name) + ":due", 0, 0)).ToArray() : [];
        var total = new OutboxCounts(0, 0, 0);
        foreach (var read in counts)
        {
            var values = await read.ConfigureAwait(false);
            total = new OutboxCounts(total.Pending + Count(values[0]), total.Delivered + Count(values[1]), total.DeadLettered + Count(values[2]));
        }

        double? earliest = null;
        foreach (var head in heads)
        {
            if (await head.ConfigureAwait(false) is [var first] && (earliest is null || first.Score < earliest))
            {
                earliest = first.Score;
            }
        }

        return earliest is { } ms ? total with { OldestDueAt = new DateTimeOffset((long)ms * TimeSpan.TicksPerMillisecond, TimeSpan.Zero) } : total;

        static long Count(RedisValue value) => value.IsNull ? 0 : (long)value;
    }

    public async Task<int> DeleteDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var total = 0;
        foreach (var account in await AccountsAsync(database).ConfigureAwait(false))
        {
            while (true)
            {
                var deleted = (int)await RunAsync(database, RedisScripts.DeleteDelivered, AccountKey(account),
                    [AccountKey(account), Milliseconds(deliveredBefore), DeleteChunk]).ConfigureAwait(false);
                total += deleted;
                if (deleted < DeleteChunk)
                {
                    break;
                }
            }
        }

        return total;
    }

    private static OutboxMessage ReadMessage(string id, RedisValue[] pairs)
    {
        var fields = new Dictionary<string, RedisValue>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            fields[(string)pairs[i]!] = pairs[i + 1];
        }

        RedisValue Field(string name) => fields.TryGetValue(name, out var value) ? value : RedisValue.Null;
        var list = (string?)Field("list");
        return new OutboxMessage
        {
            Id = id,
            Account = new AccountId((string)Field("account")!),
            List = StoredValues.List(string.IsNullOrEmpty(list) ? null : list),
            EventId = (string)Field("event")!,
            Payload = (string)Field("payload")!,
            CreatedAt = Instant(Field("created")),
            NextAttemptAt = Instant(Field("next")),
            Attempts = (int)Field("attempts"),
            State = (OutboxMessageState)(int)Field("state"),
            LastError = (string?)Field("error"),
            LastAttemptAt = Field("last").IsNull ? null : Instant(Field("last")),
            LeaseOwner = (string?)Field("owner"),
            LeaseExpiresAt = Field("leaseexp").IsNull ? null : Instant(Field("leaseexp")),
            Target = (string?)Field("target"),
        };
    }
}
