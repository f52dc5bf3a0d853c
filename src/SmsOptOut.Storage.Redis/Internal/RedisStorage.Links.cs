using System.Globalization;
using System.Text.Json;
using SmsOptOut.Consent;
using SmsOptOut.Links;
using SmsOptOut.Numbers;
using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

internal sealed partial class RedisStorage
{
    // Expiry-index entries per cleanup script: each is one batch's token list (or one token), so a script stays short.
    private const int DeleteChunk = 100;

    /// <summary>
    /// A token is stored in its account's slot (<c>tok:token</c>, with the indexes erasure and expiry read, so erasing
    /// a number stays one atomic script); a pointer in one of 64 hashes (<see cref="PointerKey"/>) naming only the
    /// account finds it from the token alone and makes tokens unique. The pointers are created first, one script per
    /// pointer hash, side by side (an existing pointer means the token is taken), then one script per account stores the
    /// new tokens. A pointer whose token is gone (erased, expired, never stored) finds nothing.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default)
    {
        LinkTokenStoreArguments.Validate(tokens);
        if (tokens.Count == 0)
        {
            return [];
        }

        var database = await DatabaseAsync().ConfigureAwait(false);
        var byAccount = tokens.GroupBy(t => t.Target.Account.Value, StringComparer.Ordinal).ToArray();
        await RememberAsync(database, byAccount.Select(g => g.Key)).ConfigureAwait(false);
        var pointed = await Task.WhenAll(tokens.GroupBy(t => PointerKey(t.Token), StringComparer.Ordinal).Select(g => database.ScriptEvaluateAsync(RedisScripts.PointTokens,
            keys: [g.Key], values: [g.Key, .. g.SelectMany(t => new RedisValue[] { t.Token, t.Target.Account.Value })]))).ConfigureAwait(false);
        var taken = pointed.SelectMany(r => (RedisResult[])r!).Select(r => (string)r!).ToHashSet(StringComparer.Ordinal);
        var fresh = tokens.Where(t => !taken.Contains(t.Token));
        await Task.WhenAll(fresh.GroupBy(t => t.Target.Account.Value, StringComparer.Ordinal).Select(group =>
        {
            var accountKey = AccountKey(group.Key);
            var arguments = new List<RedisValue> { accountKey };
            foreach (var t in group)
            {
                arguments.AddRange([t.Token, JsonSerializer.Serialize(new RedisStoredToken(t.Target.Account.Value, t.Target.List.Value, t.Target.Campaign?.Value, t.Target.Number.Value,
                    StoredValues.Ticks(t.ExpiresAt)), RedisJsonContext.Default.RedisStoredToken), t.Target.Number.Value.ToString(CultureInfo.InvariantCulture), Milliseconds(t.ExpiresAt)]);
            }

            return RunAsync(database, RedisScripts.AddTokens, accountKey, [.. arguments]);
        })).ConfigureAwait(false);
        return [.. tokens.Select(t => t.Token).Where(taken.Contains)];
    }

    public async Task<StoredLinkToken?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var account = await database.HashGetAsync(PointerKey(token), token).ConfigureAwait(false);
        if (account.IsNull || await ReadTokenAsync(database, (string)account!, token).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        return stored.ExpiresAt <= now ? null : stored;
    }

    /// <summary>A token as stored in its account's slot, or <see langword="null"/>.</summary>
    private async Task<StoredLinkToken?> ReadTokenAsync(IDatabase database, string account, string token)
    {
        var json = await database.StringGetAsync(AccountKey(account) + ":tok:" + token).ConfigureAwait(false);
        if (json.IsNull)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize((string)json!, RedisJsonContext.Default.RedisStoredToken)!;
        return new StoredLinkToken(token, new OptOutLinkTarget(new AccountId(stored.Account), new ListId(stored.List), PhoneNumber.FromValue(stored.Number),
            StoredValues.Campaign(stored.Campaign)), StoredValues.Instant(stored.Expires));
    }

    /// <summary>Account by account, one script per <see cref="DeleteChunk"/> expired lists; then the deleted tokens' pointers.</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var total = 0;
        foreach (var account in await AccountsAsync(database).ConfigureAwait(false))
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = (RedisResult[])(await RunAsync(database, RedisScripts.DeleteExpiredTokens, AccountKey(account),
                    [AccountKey(account), Milliseconds(now), DeleteChunk]).ConfigureAwait(false))!;
                total += (int)result[1];
                await DeletePointersAsync(database, result[2..]).ConfigureAwait(false);
                if ((int)result[0] < DeleteChunk)
                {
                    break;
                }
            }
        }

        return total;
    }

    /// <summary>Deletes the pointers of deleted tokens, one command per pointer hash; they name only an account, so one left behind by a crash holds nothing personal.</summary>
    private Task<long[]> DeletePointersAsync(IDatabase database, RedisResult[] tokens) =>
        Task.WhenAll(tokens.Select(t => (string)t!).GroupBy(PointerKey, StringComparer.Ordinal)
            .Select(g => database.HashDeleteAsync(g.Key, [.. g.Select(t => (RedisValue)t)])));

    /// <summary>The set of a number's tokens in an account, which erasure and access read.</summary>
    private string TokenIndexKey(string account, ulong number) => AccountKey(account) + ":tokn:" + number.ToString(CultureInfo.InvariantCulture);
}
