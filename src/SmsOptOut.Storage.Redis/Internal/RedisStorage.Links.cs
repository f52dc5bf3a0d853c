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

    public async Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredLinkToken> tokens, CancellationToken cancellationToken = default)
    {
        StoreArguments.Validate(tokens);
        if (tokens.Count == 0)
        {
            return [];
        }

        // One script per batch: SET NX for every token, so the batch is one round trip and atomic.
        var arguments = new List<RedisValue>((tokens.Count * 5) + 2) { _root, tokens.Count };
        foreach (var t in tokens)
        {
            arguments.Add(t.Token);
            arguments.Add(JsonSerializer.Serialize(new RedisStoredToken(t.Target.Account.Value, t.Target.List.Value, t.Target.Campaign?.Value, t.Target.Number.Value,
                StoredValues.Ticks(t.ExpiresAt)), RedisJsonContext.Default.RedisStoredToken));
            arguments.Add(Milliseconds(t.ExpiresAt));
            arguments.Add(TokenIndexKey(t.Target.Account.Value, t.Target.Number.Value));
            arguments.Add(t.Target.Account.Value);
        }

        var database = await DatabaseAsync().ConfigureAwait(false);
        var taken = (RedisResult[])(await database.ScriptEvaluateAsync(RedisScripts.AddTokens, keys: _routing, values: [.. arguments]).ConfigureAwait(false))!;
        return taken.Length == 0 ? [] : Array.ConvertAll(taken, r => (string)r!);
    }

    public async Task<StoredLinkToken?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var json = await database.StringGetAsync(_root + ":tok:" + token).ConfigureAwait(false);
        if (json.IsNull)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize((string)json!, RedisJsonContext.Default.RedisStoredToken)!;
        var expires = StoredValues.Instant(stored.Expires);
        return expires <= now
            ? null
            : new StoredLinkToken(token, new OptOutLinkTarget(new AccountId(stored.Account), new ListId(stored.List), PhoneNumber.FromValue(stored.Number),
                StoredValues.Campaign(stored.Campaign)), expires);
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var total = 0;
        while (true)
        {
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(RedisScripts.DeleteExpiredTokens, keys: _routing,
                values: [_root, Milliseconds(now), DeleteChunk]).ConfigureAwait(false))!;
            total += (int)result[1];
            if ((int)result[0] < DeleteChunk)
            {
                return total;
            }
        }
    }

    /// <summary>The set of a number's tokens in an account, which erasure and access read.</summary>
    private string TokenIndexKey(string account, ulong number) => AccountKey(account) + ":tokn:" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
