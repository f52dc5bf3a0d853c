using StackExchange.Redis;

namespace SmsOptOut.Storage.Redis.Internal;

/// <summary>
/// Which accounts have work due — webhooks, held messages — so a claimer visits only those, on whichever shard each
/// account lives: a sorted set per kind in the deployment-wide slot (account → earliest due time in ms) with a
/// generation per account. A writer signals after its account's script when it scheduled work earlier than anything the
/// account had scheduled (the score only ever lowered, the generation raised) — an account with work already due
/// sooner is woken by that; a claimer reads the generation before claiming and then settles the account at its earliest remaining due
/// time only if no signal came in between, else keeps the lower score. A writer that dies between its script and its
/// signal leaves work that no signal points to: the sweep, every <see cref="SweepInterval"/> per instance, signals
/// every account's earliest due time from its own index, so such work waits at most that long.
/// </summary>
internal sealed partial class RedisStorage
{
    /// <summary>How often an instance re-signals every account from its own due index.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private const string SignalScript = """
        redis.call('ZADD', ARGV[1], 'LT', ARGV[4], ARGV[3])
        redis.call('HINCRBY', ARGV[2], ARGV[3], 1)
        return 0
        """;

    private const string SettleScript = """
        local generation = redis.call('HGET', ARGV[2], ARGV[3]) or '0'
        if generation == ARGV[4] then
          if ARGV[5] == '-1' then redis.call('ZREM', ARGV[1], ARGV[3]) else redis.call('ZADD', ARGV[1], ARGV[5], ARGV[3]) end
        elseif ARGV[5] ~= '-1' then
          redis.call('ZADD', ARGV[1], 'LT', ARGV[5], ARGV[3])
        end
        return 0
        """;

    private readonly Dictionary<string, long> _lastSweeps = new(StringComparer.Ordinal);

    /// <summary>The wake index of webhooks: accounts with pending messages, by their <c>due</c> index.</summary>
    private WakeIndex OutboxWake => new(_root + ":wake:out", ":due");

    /// <summary>The wake index of held messages: accounts with pending ones, by their <c>ds:due</c> index.</summary>
    private WakeIndex HeldWake => new(_root + ":wake:ds", ":ds:due");

    /// <summary>Tells claimers that <paramref name="account"/> has work due at <paramref name="dueMs"/> (or earlier).</summary>
    private Task<RedisResult> SignalAsync(IDatabase database, WakeIndex index, string account, long dueMs) =>
        database.ScriptEvaluateAsync(SignalScript, keys: _routing, values: [index.Key, index.Key + "gen", account, dueMs]);

    /// <summary>Up to <paramref name="limit"/> accounts with work due at <paramref name="nowMs"/>, earliest first, each with its generation read now.</summary>
    private async Task<(string Account, string Generation)[]> DueAccountsAsync(IDatabase database, WakeIndex index, long nowMs, int limit)
    {
        await SweepIfDueAsync(database, index).ConfigureAwait(false);
        var accounts = await database.SortedSetRangeByScoreAsync(index.Key, double.NegativeInfinity, nowMs, take: limit).ConfigureAwait(false);
        if (accounts.Length == 0)
        {
            return [];
        }

        var generations = await database.HashGetAsync(index.Key + "gen", accounts).ConfigureAwait(false);
        var due = new (string, string)[accounts.Length];
        for (var i = 0; i < accounts.Length; i++)
        {
            due[i] = ((string)accounts[i]!, generations[i].IsNull ? "0" : (string)generations[i]!);
        }

        return due;
    }

    /// <summary>Records an account's earliest remaining due time (-1: none) after a claim, unless a writer signalled since <paramref name="generation"/>.</summary>
    private Task<RedisResult> SettleAsync(IDatabase database, WakeIndex index, string account, string generation, long earliestMs) =>
        database.ScriptEvaluateAsync(SettleScript, keys: _routing, values: [index.Key, index.Key + "gen", account, generation, earliestMs]);

    /// <summary>
    /// Claims up to <paramref name="limit"/> items from the accounts <paramref name="index"/> lists as due at
    /// <paramref name="nowMs"/>, earliest first: <paramref name="claim"/> runs one account's claim script (given the
    /// account and how many are still wanted) and returns the script's result, whose first element is the account's
    /// earliest remaining due time; <paramref name="read"/> turns the rest into items. Each account is settled after.
    /// </summary>
    private async Task<List<T>> ClaimFromDueAccountsAsync<T>(IDatabase database, WakeIndex index, long nowMs, int limit,
        Func<string, int, Task<RedisResult>> claim, Func<RedisResult[], string, IEnumerable<T>> read)
    {
        var claimed = new List<T>(limit);
        foreach (var (account, generation) in await DueAccountsAsync(database, index, nowMs, limit).ConfigureAwait(false))
        {
            if (claimed.Count == limit)
            {
                break;
            }

            var result = (RedisResult[])(await claim(account, limit - claimed.Count).ConfigureAwait(false))!;
            claimed.AddRange(read(result, account));
            await SettleAsync(database, index, account, generation, (long)(double)result[0]).ConfigureAwait(false);
        }

        return claimed;
    }

    /// <summary>Signals every account's earliest due time from its own index, once per <see cref="SweepInterval"/> in this instance.</summary>
    private async Task SweepIfDueAsync(IDatabase database, WakeIndex index)
    {
        var now = Environment.TickCount64;
        lock (_lastSweeps)
        {
            if (_lastSweeps.TryGetValue(index.Key, out var last) && now - last < (long)SweepInterval.TotalMilliseconds)
            {
                return;
            }

            _lastSweeps[index.Key] = now;
        }

        var accounts = await AccountsAsync(database).ConfigureAwait(false);
        var firsts = accounts.Select(a => database.SortedSetRangeByRankWithScoresAsync(AccountKey(a) + index.DueSuffix, 0, 0)).ToArray();
        for (var i = 0; i < accounts.Length; i++)
        {
            if (await firsts[i].ConfigureAwait(false) is [var first])
            {
                await SignalAsync(database, index, accounts[i], (long)first.Score).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A wake index: its key (the generations are the key with <c>gen</c> appended) and the suffix of the accounts' due indexes.</summary>
    private readonly record struct WakeIndex(string Key, string DueSuffix);
}
