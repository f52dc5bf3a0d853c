using System.Globalization;
using SmsOptOut.Consent;
using SmsOptOut.Numbers;
using SmsOptOut.Sending;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>Held messages; each change is one script (see <see cref="RedisDeferredSendScripts"/>), so concurrent schedulers split the due ones.</summary>
internal sealed partial class RedisStorage
{
    /// <summary>The account of each held message this instance claimed, so completing it goes straight to the account's slot.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _claimedHeld = new(StringComparer.Ordinal);

    public async Task AddAsync(IReadOnlyList<DeferredSend> sends, CancellationToken cancellationToken = default)
    {
        DeferredSendArguments.Validate(sends);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var byAccount = sends.GroupBy(s => s.Account.Value, StringComparer.Ordinal).ToArray();
        await RememberAsync(database, byAccount.Select(g => g.Key)).ConfigureAwait(false);
        foreach (var group in byAccount)
        {
            var accountKey = AccountKey(group.Key);
            var arguments = new List<RedisValue>(2 + (sends.Count * 5)) { accountKey, group.Key };
            foreach (var send in group)
            {
                arguments.AddRange([send.Id, send.Number.Value.ToString(CultureInfo.InvariantCulture), Ticks(send.NotBefore), Milliseconds(send.NotBefore), send.Message]);
            }

            var earliest = (long)await RunAsync(database, RedisDeferredSendScripts.Add, accountKey, [.. arguments]).ConfigureAwait(false);
            if (earliest >= 0)
            {
                await SignalAsync(database, HeldWake, group.Key, earliest).ConfigureAwait(false);
            }
        }
    }

    /// <summary>From the accounts the wake index lists as due, earliest first, one script in each account's slot.</summary>
    public async Task<IReadOnlyList<DeferredSend>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateLimit(limit);
        var database = await DatabaseAsync().ConfigureAwait(false);
        ForgetIfLarge(_claimedHeld);
        return await ClaimFromDueAccountsAsync(database, HeldWake, Milliseconds(now), limit,
            (account, wanted) => RunAsync(database, RedisDeferredSendScripts.Claim, AccountKey(account), [AccountKey(account), Milliseconds(now), wanted]),
            (fields, account) => ReadClaimedHeld(fields, account)).ConfigureAwait(false);
    }

    private IEnumerable<DeferredSend> ReadClaimedHeld(RedisResult[] fields, string account)
    {
        for (var i = 1; i + 4 < fields.Length; i += 5)
        {
            var send = new DeferredSend((string)fields[i]!, new AccountId((string)fields[i + 1]!), PhoneNumber.FromValue((ulong)fields[i + 2]),
                Instant((RedisValue)fields[i + 3]), (string)fields[i + 4]!);
            _claimedHeld[send.Id] = account;
            yield return send;
        }
    }

    /// <summary>Grouped by account: known for the messages this instance claimed, else looked for in every account's claimed set.</summary>
    public async Task<int> CompleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var located = new List<(string Account, string Id)>(ids.Count);
        foreach (var id in ids)
        {
            if ((_claimedHeld.TryRemove(id, out var known) ? known : await LocateHeldAsync(database, id).ConfigureAwait(false)) is { } account)
            {
                located.Add((account, id));
            }
        }

        var completed = 0;
        foreach (var group in located.GroupBy(l => l.Account, StringComparer.Ordinal))
        {
            completed += (int)await RunAsync(database, RedisDeferredSendScripts.Complete, AccountKey(group.Key),
                [AccountKey(group.Key), .. group.Select(l => (RedisValue)l.Id)]).ConfigureAwait(false);
        }

        return completed;
    }

    private async Task<string?> LocateHeldAsync(IDatabase database, string id)
    {
        var accounts = await AccountsAsync(database).ConfigureAwait(false);
        var claimed = await Task.WhenAll(accounts.Select(a => database.SetContainsAsync(AccountKey(a) + ":ds:claimed", id))).ConfigureAwait(false);
        var at = Array.IndexOf(claimed, true);
        return at < 0 ? null : accounts[at];
    }

    public async Task<int> DeleteAsync(AccountId account, PhoneNumber number, CancellationToken cancellationToken = default)
    {
        StoreArguments.ValidateNumber(account, number);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accountKey = AccountKey(account.Value);
        return (int)await RunAsync(database, RedisDeferredSendScripts.Delete, accountKey, [accountKey, number.Value.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
    }

    async Task<IReadOnlyList<AccountId>> IDeferredSendStore.FindAccountsAsync(PhoneNumber number, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        return await AccountsHoldingAsync(database, ":ds:n:" + number.Value.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
    }

    /// <summary>The sum over every account's pending and claimed sets.</summary>
    public async Task<DeferredSendCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var accounts = await AccountsAsync(database).ConfigureAwait(false);
        var pending = accounts.Select(a => database.SortedSetLengthAsync(AccountKey(a) + ":ds:due")).ToArray();
        var claimed = accounts.Select(a => database.SetLengthAsync(AccountKey(a) + ":ds:claimed")).ToArray();
        return new DeferredSendCounts((await Task.WhenAll(pending).ConfigureAwait(false)).Sum(), (await Task.WhenAll(claimed).ConfigureAwait(false)).Sum());
    }
}
