using System.Runtime.CompilerServices;
using SmsOptOut.Consent;
using SmsOptOut.Webhooks;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateClaim(owner, lease, limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(RedisScripts.Claim, keys: _routing,
            values: [_root, Milliseconds(now), Ticks(now), Ticks(now + lease), Milliseconds(now + lease), owner, limit]).ConfigureAwait(false))!;
        var claimed = new List<OutboxMessage>(result.Length / 2);
        for (var i = 0; i < result.Length; i += 2)
        {
            claimed.Add(ReadMessage((string)result[i]!, ((RedisResult[])result[i + 1]!).Select(r => (RedisValue)r).ToArray()));
        }

        claimed.Sort(static (a, b) => a.NextAttemptAt != b.NextAttemptAt ? a.NextAttemptAt.CompareTo(b.NextAttemptAt) : string.CompareOrdinal(a.Id, b.Id));
        return claimed;
    }

    public async Task<bool> RecordAttemptAsync(OutboxAttempt attempt, CancellationToken cancellationToken = default)
    {
        StoreArguments.Validate(attempt);
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (int)await database.ScriptEvaluateAsync(RedisScripts.RecordAttempt, keys: _routing,
            values: [_root, attempt.MessageId, attempt.LeaseOwner, (int)attempt.State, attempt.Attempts, Ticks(attempt.NextAttemptAt), Ticks(attempt.AttemptedAt),
                Milliseconds(attempt.NextAttemptAt), Milliseconds(attempt.AttemptedAt), attempt.Error is null ? string.Empty : "~" + attempt.Error]).ConfigureAwait(false) == 1;
    }

    /// <summary>From the account's <c>recent</c> set (kept by <see cref="RedisScripts.RecordAttempt"/>); ids whose message is gone (erased, cleaned up) are dropped from it.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> GetRecentAttemptsAsync(AccountId account, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateRecent(account, limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var recent = AccountKey(account.Value) + ":recent";
        var messages = new List<OutboxMessage>(limit);
        foreach (var id in await database.SortedSetRangeByRankAsync(recent, order: Order.Descending).ConfigureAwait(false))
        {
            if (messages.Count == limit)
            {
                break;
            }

            if (await FindAsync((string)id!, cancellationToken).ConfigureAwait(false) is { } message)
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

    public async Task<OutboxMessage?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var fields = await database.HashGetAllAsync(_root + ":msg:" + messageId).ConfigureAwait(false);
        return fields.Length == 0 ? null : ReadMessage(messageId, fields.SelectMany(f => new[] { f.Name, f.Value }).ToArray());
    }

    public async IAsyncEnumerable<OutboxMessage> GetDeadLettersAsync(AccountId account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var database = await DatabaseAsync().ConfigureAwait(false);
        foreach (var id in await database.SortedSetRangeByRankAsync(AccountKey(account.Value) + ":dead").ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await FindAsync((string)id!, cancellationToken).ConfigureAwait(false) is { } message)
            {
                yield return message;
            }
        }
    }

    public async Task<int> ReplayDeadLettersAsync(AccountId account, IReadOnlyCollection<string>? messageIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateAccount(account);
        var arguments = new List<RedisValue> { _root, account.Value, Ticks(now), Milliseconds(now), messageIds is null ? "all" : "some" };
        arguments.AddRange((messageIds ?? []).Select(id => (RedisValue)id));
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (int)await database.ScriptEvaluateAsync(RedisScripts.Replay, keys: _routing, values: [.. arguments]).ConfigureAwait(false);
    }

    public async Task<int> MakeDueAsync(AccountId? account, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (account is { } a)
        {
            StoreArguments.ValidateAccount(a);
        }

        // In chunks, so no script holds Redis for long: a message made due leaves the range, one passed over stays in it.
        var database = await DatabaseAsync().ConfigureAwait(false);
        var (made, skip) = (0, 0);
        while (true)
        {
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(RedisScripts.MakeDue, keys: _routing,
                values: [_root, Milliseconds(now), Ticks(now), account?.Value ?? string.Empty, skip, DeleteChunk]).ConfigureAwait(false))!;
            var (chunkMade, scanned) = ((int)result[0], (int)result[1]);
            made += chunkMade;
            skip += scanned - chunkMade;
            if (scanned < DeleteChunk)
            {
                return made;
            }
        }
    }

    public async Task<OutboxCounts> CountAsync(AccountId? account = null, CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var counts = await database.HashGetAsync(account is { } a ? AccountKey(a.Value) + ":cnt" : _root + ":cnt", ["0", "1", "2"]).ConfigureAwait(false);
        var result = new OutboxCounts((long)(counts[0].IsNull ? 0 : counts[0]), (long)(counts[1].IsNull ? 0 : counts[1]), (long)(counts[2].IsNull ? 0 : counts[2]));
        if (account is not null)
        {
            return result;
        }

        // The due set holds every pending message by its next attempt (or lease end), across accounts.
        var earliest = await database.SortedSetRangeByRankWithScoresAsync(_root + ":due", 0, 0).ConfigureAwait(false);
        return earliest.Length == 0 ? result : result with { OldestDueAt = new DateTimeOffset((long)earliest[0].Score * TimeSpan.TicksPerMillisecond, TimeSpan.Zero) };
    }

    public async Task<int> DeleteDeliveredAsync(DateTimeOffset deliveredBefore, CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var total = 0;
        while (true)
        {
            var deleted = (int)await database.ScriptEvaluateAsync(RedisScripts.DeleteDelivered, keys: _routing,
                values: [_root, Milliseconds(deliveredBefore), DeleteChunk]).ConfigureAwait(false);
            total += deleted;
            if (deleted < DeleteChunk)
            {
                return total;
            }
        }
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
